package dev.backplane.devstack.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's code as Lambda sees it in {@code LAMBDA_TASK_ROOT}: a directory of classes with {@code lib/*.jar}.
 * A .jar goes on the classpath as is (equivalent to Lambda unpacking it: classes at the root); a .zip is unpacked
 * once into a temporary task root; a directory is used in place; a Maven source folder runs from its build
 * ({@link SourceBuild}). The code is always on the JVM's class path (root, then {@code lib/*.jar}), so devstack's
 * sandbox jar beside it sees the function's AWS SDK; the task root is also the child's working directory.
 *
 * @param taskRoot   working directory and LAMBDA_TASK_ROOT of the child
 * @param classpath  entries ahead of the runtime jars
 * @param temporary  the task root was created for this instance and is deleted when it ends
 */
public record FunctionCode(Path taskRoot, List<Path> classpath, boolean temporary) {

    public static FunctionCode of(FunctionConfig function) {
        Path code = function.codeUri();
        if (!Files.exists(code)) {
            throw new IllegalStateException("CodeUri of " + function.logicalId() + " does not exist: " + code
                + " (build the function first, e.g. mvn install)");
        }
        try {
            if (SourceBuild.isSourceFolder(code)) {
                return new FunctionCode(Files.createTempDirectory("devstack-task-"), SourceBuild.classpath(code), true);
            }
            if (Files.isDirectory(code)) return new FunctionCode(code, taskRootClasspath(code), false);
            String name = code.getFileName().toString();
            if (name.endsWith(".jar")) return new FunctionCode(Files.createTempDirectory("devstack-task-"), List.of(code), true);
            if (name.endsWith(".zip")) {
                Path root = unzip(code);
                return new FunctionCode(root, taskRootClasspath(root), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the code of " + function.logicalId(), e);
        }
        throw new IllegalStateException("CodeUri of " + function.logicalId() + " must be a .jar, a .zip or a directory: " + code);
    }

    /** Lambda's Java class path inside a task root: the root (classes), then every {@code lib/*.jar}. */
    private static List<Path> taskRootClasspath(Path root) throws IOException {
        List<Path> entries = new java.util.ArrayList<>(List.of(root));
        Path lib = root.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (var jars = Files.list(lib)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(entries::add);
            }
        }
        return entries;
    }

    /** Removes a temporary task root (best effort: the JVM that used it has ended). */
    public void cleanUp() {
        if (!temporary) return;
        try (var paths = Files.walk(taskRoot)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless
        }
    }

    private static Path unzip(Path zip) throws IOException {
        Path root = Files.createTempDirectory("devstack-task-");
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e; (e = entries.getNextEntry()) != null; ) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root)) throw new IOException("zip entry escapes the task root: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
        return root;
    }
}
