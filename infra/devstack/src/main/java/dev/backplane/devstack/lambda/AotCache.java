package dev.backplane.devstack.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A JDK 25 AOT cache per function artifact (JEP 483/514): the first instance of a function records one
 * ({@code -XX:AOTCacheOutput}, written when that JVM exits: idle stop, eviction or devstack's shutdown stop it
 * gracefully), later cold starts load it ({@code -XX:AOTCache}). The cache is keyed by the JDK build, the class
 * path (each jar's path, size and modification time), the handler and the JVM flags, so a rebuilt jar trains a new
 * one. Local machines run one JDK build, unlike Lambda, which is what makes such a cache usable here. The JVM only
 * accepts jars on the class path of a cached run: code in directories runs without it.
 */
final class AotCache {
    /** At most this many instances record at once: each one's cache is assembled by a child JVM when it stops. */
    private static final java.util.concurrent.Semaphore RECORDING = new java.util.concurrent.Semaphore(2);
    private static final Duration STALE_CLAIM = Duration.ofHours(1);
    /** Caches of jars that were rebuilt since are never loaded again: removed when unused this long. */
    private static final Duration UNUSED = Duration.ofDays(14);
    private static volatile boolean pruned;

    /** What one instance does: nothing, record a cache (training) or load one. */
    record Plan(List<String> flags, Path training) {
        static final Plan NONE = new Plan(List.of(), null);
    }

    private AotCache() {}

    static Plan plan(List<Path> classpath, String handler, List<String> jvmFlags) {
        if (classpath.stream().anyMatch(p -> !p.toString().endsWith(".jar") || !Files.isRegularFile(p))) return Plan.NONE;
        try {
            Path dir = CacheDir.resolve("aot");
            if (!pruned) prune(dir);
            String key = key(classpath, handler, jvmFlags);
            Path cache = dir.resolve(key + ".aot");
            if (Files.isRegularFile(cache) && Files.size(cache) > 0) {
                Files.setLastModifiedTime(cache, java.nio.file.attribute.FileTime.from(Instant.now())); // in use: kept by prune
                return new Plan(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"), null);
            }
            Path claim = dir.resolve(key + ".training");
            if (Files.exists(claim) && Files.getLastModifiedTime(claim).toInstant().isBefore(Instant.now().minus(STALE_CLAIM))) {
                Files.deleteIfExists(claim); // a training run that never finished (its JVM was killed)
            }
            if (!RECORDING.tryAcquire()) return Plan.NONE; // enough recordings under way; a later cold start records this one
            try {
                Files.createFile(claim);
            } catch (FileAlreadyExistsException another) {
                RECORDING.release();
                return Plan.NONE; // another instance is recording this cache right now
            }
            return new Plan(List.of("-XX:AOTCacheOutput=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"), claim);
        } catch (IOException | RuntimeException e) {
            return Plan.NONE; // no cache is only slower
        }
    }

    private static void prune(Path dir) {
        pruned = true;
        Instant cutoff = Instant.now().minus(UNUSED);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // pruning is housekeeping only
        }
    }

    /** Ends a training run's claim (its JVM has exited, with or without writing the cache). */
    static void release(Plan plan) {
        if (plan.training() == null) return;
        RECORDING.release();
        try {
            Files.deleteIfExists(plan.training());
        } catch (IOException e) {
            // a stale claim expires on its own
        }
    }

    private static String key(List<Path> classpath, String handler, List<String> jvmFlags) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder(System.getProperty("java.home")).append('|')
                .append(System.getProperty("java.vm.version")).append('|').append(handler).append('|').append(jvmFlags);
            for (Path p : classpath) {
                text.append('|').append(p.toAbsolutePath()).append(':').append(Files.size(p)).append(':').append(Files.getLastModifiedTime(p).toMillis());
            }
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
