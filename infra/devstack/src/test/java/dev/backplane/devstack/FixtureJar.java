package dev.backplane.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packages the fixture handlers (test classes under dev/backplane/devstack/fixtures) into a function jar and copies
 * the fixture templates next to it, so a template's {@code CodeUri: fixture-functions.jar} resolves like in SAM.
 */
public final class FixtureJar {
    private static final Path DIR = Path.of("target", "fixtures");
    private static Path jar;

    private FixtureJar() {}

    /** The path of a fixture template (copied from src/test/resources/fixtures) beside a fresh fixture jar. */
    public static synchronized Path template(String name) {
        try {
            if (jar == null) jar = build();
            Path target = DIR.resolve(name);
            try (var in = FixtureJar.class.getResourceAsStream("/fixtures/" + name)) {
                if (in == null) throw new IllegalArgumentException("no fixture template " + name);
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return target.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The other two CodeUri forms Lambda accepts: a directory (task root) and a .zip, both with the handlers in
     * {@code lib/*.jar}, next to the fixture templates as {@code fixture-dir/} and {@code fixture-functions.zip}.
     */
    public static synchronized void buildDirectoryAndZip() {
        try {
            if (jar == null) jar = build();
            Path lib = DIR.resolve("fixture-dir/lib");
            Files.createDirectories(lib);
            Files.copy(jar, lib.resolve("fixture-functions.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (OutputStream file = Files.newOutputStream(DIR.resolve("fixture-functions.zip"));
                 java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(file)) {
                zip.putNextEntry(new java.util.zip.ZipEntry("lib/fixture-functions.jar"));
                Files.copy(jar, zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path build() throws IOException {
        Files.createDirectories(DIR);
        Path classes = Path.of("target", "test-classes");
        Path out = DIR.resolve("fixture-functions.jar");
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream zip = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes.resolve("dev/backplane/devstack/fixtures"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        return out;
    }
}
