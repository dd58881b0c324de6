package dev.backplane.devstack.lambda;

import dev.backplane.devstack.logs.LogSink;
import dev.backplane.devstack.template.TemplateException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What {@code sam build} does for a Java function whose CodeUri is a source folder: build it with Maven or Gradle (the
 * project's wrapper when it has one), then run its classes and runtime dependencies. The result is cached: a folder
 * is rebuilt only when the build files, the wrapper or {@code src/} changed since the last successful build.
 * <p>
 * Outputs in the project's {@code target/devstack/} (Gradle: {@code build/devstack/}): {@code classes.jar} (the
 * compiled classes and resources as a jar: the JVM's AOT cache accepts jars only), {@code runtime.classpath} (the
 * resolved runtime dependencies) and {@code built} (the stamp of the last successful build).
 */
public final class SourceBuild {
    private static final String OUTPUT = "target/devstack";
    private static final String GRADLE_OUTPUT = "build/devstack";
    /**
     * Added to the Gradle build with --init-script: after {@code classes}, writes the main source set's output folders
     * and its runtime class path (what sam build's Gradle workflow copies into the artifact).
     */
    private static final String GRADLE_INIT = """
        rootProject {
            plugins.withId('java') {
                tasks.register('devstackClasspath') {
                    dependsOn 'classes'
                    def out = layout.buildDirectory.dir('devstack').get().asFile
                    def deps = configurations.runtimeClasspath
                    def dirs = sourceSets.main.output
                    doLast {
                        out.mkdirs()
                        new File(out, 'runtime.classpath').text = deps.files.collect { it.absolutePath }.join(File.pathSeparator)
                        new File(out, 'output.dirs').text = dirs.files.collect { it.absolutePath }.join(File.pathSeparator)
                    }
                }
            }
        }
        """;
    private static final long TIMEOUT_MINUTES = 10;

    private SourceBuild() {}

    /** A CodeUri folder holding a build file rather than built code. */
    public static boolean isSourceFolder(Path codeUri) {
        return Files.isDirectory(codeUri) && (Files.isRegularFile(codeUri.resolve("pom.xml"))
            || Files.isRegularFile(codeUri.resolve("build.gradle")) || Files.isRegularFile(codeUri.resolve("build.gradle.kts")));
    }

    /**
     * Builds every source folder used by {@code functions} that changed since its last build (each folder once).
     *
     * @throws TemplateException naming the functions and the command when a build fails (devstack does not start)
     */
    public static void buildAll(Collection<FunctionConfig> functions, LogSink log) {
        Map<Path, List<String>> folders = new LinkedHashMap<>();
        for (FunctionConfig f : functions) {
            if (isSourceFolder(f.codeUri())) folders.computeIfAbsent(f.codeUri(), k -> new ArrayList<>()).add(f.logicalId());
        }
        folders.forEach((folder, users) -> build(folder, users, log));
    }

    /** Class path of a built source folder: its classes jar, then its runtime dependencies in Maven's order. */
    static List<Path> classpath(Path folder) throws IOException {
        Path out = folder.resolve(isGradle(folder) ? GRADLE_OUTPUT : OUTPUT);
        Path classpathFile = out.resolve("runtime.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(folder + " has not been built (devstack builds source folders at startup)");
        }
        List<Path> entries = new ArrayList<>(List.of(out.resolve("classes.jar")));
        String deps = Files.readString(classpathFile).strip();
        if (!deps.isEmpty()) for (String entry : deps.split(java.io.File.pathSeparator)) entries.add(Path.of(entry));
        return entries;
    }

    private static void build(Path folder, List<String> functions, LogSink log) {
        boolean gradle = isGradle(folder);
        Path out = folder.resolve(gradle ? GRADLE_OUTPUT : OUTPUT);
        Path stamp = out.resolve("built");
        try {
            if (Files.exists(stamp) && !changedSince(folder, Files.getLastModifiedTime(stamp))) return;
            Files.createDirectories(out);
            List<String> command = gradle ? gradleCommand(folder, out, functions) : command(folder, out);
            log.system("building " + folder + " for " + String.join(", ", functions) + ": " + String.join(" ", command));
            long started = System.nanoTime();
            Path buildLog = out.resolve("build.log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(buildLog.toFile());
            // the developer's JDK when they chose one (as sam build does), else the JDK devstack itself runs on
            if (System.getenv("JAVA_HOME") == null) builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) process.destroyForcibly();
            if (!finished || process.exitValue() != 0) {
                throw new TemplateException("cannot build " + String.join(", ", functions) + ": `" + String.join(" ", command)
                    + "` in " + folder + (finished ? " exited with " + process.exitValue() : " timed out") + ". Last lines of "
                    + buildLog + ":\n" + tail(buildLog, 15));
            }
            jarClasses(gradle ? gradleOutputs(out) : List.of(folder.resolve("target/classes")), out.resolve("classes.jar"));
            Files.writeString(stamp, String.join(" ", command));
            log.system("built " + folder + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplateException("build of " + folder + " interrupted");
        }
    }

    /** {@code sam build}'s Maven steps, without installing into the local repository. */
    private static List<String> command(Path folder, Path out) {
        List<String> command = new ArrayList<>();
        if (Files.isRegularFile(folder.resolve("mvnw"))) {
            command.addAll(List.of("sh", "mvnw"));
        } else {
            command.add("mvn");
        }
        command.addAll(List.of("-B", "-q", "-DskipTests", "package",
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
            "-Dmdep.includeScope=runtime", "-Dmdep.outputFile=" + out.resolve("runtime.classpath")));
        return command;
    }

    /** A Gradle project: a build.gradle(.kts) and no pom.xml (which wins, as with sam build's workflow choice). */
    static boolean isGradle(Path folder) {
        return !Files.isRegularFile(folder.resolve("pom.xml"))
            && (Files.isRegularFile(folder.resolve("build.gradle")) || Files.isRegularFile(folder.resolve("build.gradle.kts")));
    }

    /** The project's {@code gradlew}, else {@code gradle} on PATH; neither stops startup saying what to install. */
    private static List<String> gradleCommand(Path folder, Path out, List<String> functions) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isRegularFile(folder.resolve("gradlew"))) command.addAll(List.of("sh", "gradlew"));
        else if (onPath("gradle") != null) command.add(onPath("gradle").toString());
        else {
            throw new TemplateException("cannot build " + String.join(", ", functions) + ": " + folder + " is a Gradle project without a "
                + "wrapper (gradlew) and there is no gradle on PATH; install Gradle (https://gradle.org/install/) or add the wrapper "
                + "(gradle wrapper), or build it yourself and point CodeUri at the built .zip");
        }
        Path init = out.resolve("devstack-init.gradle");
        Files.writeString(init, GRADLE_INIT);
        command.addAll(List.of("-q", "--no-daemon", "--init-script", init.toString(), "devstackClasspath"));
        return command;
    }

    /** An executable of that name in a PATH folder, or null. */
    public static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static List<Path> gradleOutputs(Path out) throws IOException {
        List<Path> dirs = new ArrayList<>();
        String text = Files.readString(out.resolve("output.dirs")).strip();
        if (!text.isEmpty()) for (String d : text.split(java.io.File.pathSeparator)) dirs.add(Path.of(d));
        return dirs;
    }

    /** Whether the build inputs (build files, the wrapper, src/) changed after {@code built}. */
    private static boolean changedSince(Path folder, FileTime built) throws IOException {
        for (String input : List.of("pom.xml", "mvnw", ".mvn", "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts",
            "gradlew", "gradle", "src")) {
            Path p = folder.resolve(input);
            if (!Files.exists(p)) continue;
            try (Stream<Path> files = Files.walk(p)) {
                if (files.anyMatch(f -> newer(f, built))) return true;
            }
        }
        return false;
    }

    private static boolean newer(Path file, FileTime than) {
        try {
            return Files.getLastModifiedTime(file).compareTo(than) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static void jarClasses(List<Path> outputs, Path jar) throws IOException {
        Path tmp = Files.createTempFile(jar.getParent(), "classes", ".tmp");
        java.util.Set<String> written = new java.util.HashSet<>();
        try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream zip = new JarOutputStream(file)) {
            for (Path classes : outputs) {
                if (!Files.isDirectory(classes)) continue;
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path p : files.filter(p -> !p.equals(classes)).sorted().toList()) {
                        String name = classes.relativize(p).toString().replace('\\', '/');
                        boolean directory = Files.isDirectory(p);
                        if (!written.add(directory ? name + "/" : name)) continue; // classes and resources share packages
                        zip.putNextEntry(new JarEntry(directory ? name + "/" : name)); // directory entries: classpath scanning needs them
                        if (!directory) Files.copy(p, zip);
                        zip.closeEntry();
                    }
                }
            }
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output)";
        }
    }
}
