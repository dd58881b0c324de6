package dev.backplane.devstack.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * devstack's per-user cache ({@code -Ddevstack.cache} or {@code DEVSTACK_CACHE}, else {@code $XDG_CACHE_HOME/devstack}, else
 * {@code ~/.cache/devstack}): files that must keep a stable path across runs, such as the sandbox jar and AOT
 * caches, which the JVM only accepts when the class path is exactly the one they were trained with.
 */
public final class CacheDir {
    private CacheDir() {}

    public static Path resolve(String name) {
        String explicit = System.getProperty("devstack.cache", System.getenv("DEVSTACK_CACHE"));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = explicit != null ? Path.of(explicit)
            : xdg != null ? Path.of(xdg, "devstack") : Path.of(System.getProperty("user.home"), ".cache", "devstack");
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create devstack's cache directory " + dir, e);
        }
        return dir;
    }
}
