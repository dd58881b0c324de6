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
 * once into a temporary task root; a directory is used in place. The runtime interface client builds its customer
 * class loader from the working directory, so the task root is also the child's working directory.
 *
 * @param taskRoot   working directory and LAMBDA_TASK_ROOT of the child
 * @param classpath  entries ahead of the runtime jars (a .jar CodeUri; empty for directories, the RIC loads them)
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
            if (Files.isDirectory(code)) return new FunctionCode(code, List.of(), false);
            String name = code.getFileName().toString();
            if (name.endsWith(".jar")) return new FunctionCode(Files.createTempDirectory("devstack-task-"), List.of(code), true);
            if (name.endsWith(".zip")) return new FunctionCode(unzip(code), List.of(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the code of " + function.logicalId(), e);
        }
        throw new IllegalStateException("CodeUri of " + function.logicalId() + " must be a .jar, a .zip or a directory: " + code);
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
