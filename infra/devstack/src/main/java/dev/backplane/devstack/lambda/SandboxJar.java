package dev.backplane.devstack.lambda;

import dev.backplane.devstack.sandbox.SandboxMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The small jar devstack adds to every function's class path: its main class (parent watch + runtime interface
 * client) and the global AWS SDK v1/v2 hooks that send calls addressed to AWS to devstack. The hook registrations
 * live only in this jar, so devstack's own SDK clients never load them.
 */
final class SandboxJar {
    static final String MAIN = SandboxMain.class.getName();
    private static final String PACKAGE = "dev/backplane/devstack/sandbox/";
    private static final List<String> CLASSES = List.of("SandboxMain", "LocalRedirect", "SdkV2Redirect", "SdkV1Redirect");
    private static final Map<String, String> REGISTRATIONS = Map.of(
        "software/amazon/awssdk/global/handlers/execution.interceptors", "dev.backplane.devstack.sandbox.SdkV2Redirect",
        "com/amazonaws/global/handlers/request.handler2s", "dev.backplane.devstack.sandbox.SdkV1Redirect");
    private static Path jar;

    private SandboxJar() {}

    static synchronized Path path() {
        if (jar == null) jar = build();
        return jar;
    }

    /** Written once per content (named by its hash) at a stable path: AOT caches of functions stay valid across runs. */
    private static Path build() {
        try {
            Map<String, byte[]> entries = new java.util.TreeMap<>();
            for (String name : CLASSES) {
                try (InputStream in = SandboxJar.class.getClassLoader().getResourceAsStream(PACKAGE + name + ".class")) {
                    if (in == null) throw new IllegalStateException("devstack's sandbox class " + name + " is missing from its jar");
                    entries.put(PACKAGE + name + ".class", in.readAllBytes());
                }
            }
            REGISTRATIONS.forEach((path, type) -> entries.put(path, (type + "\n").getBytes(StandardCharsets.UTF_8)));
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            entries.forEach((name, bytes) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            String hash = java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            Path out = CacheDir.resolve("sandbox").resolve("devstack-sandbox-" + hash + ".jar");
            if (Files.exists(out)) return out;
            Path tmp = Files.createTempFile(out.getParent(), "sandbox", ".tmp");
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream zip = new JarOutputStream(file)) {
                for (var e : entries.entrySet()) {
                    JarEntry entry = new JarEntry(e.getKey());
                    entry.setTime(0); // same bytes every time
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                }
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write devstack's sandbox jar", e);
        }
    }
}
