// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a built single-page app (e.g. frontend/dist) on its own port: existing files as they are, any other GET
 * that looks like a page navigation falls back to index.html so client-side routes survive a reload.
 */
public final class StaticSite implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.ofEntries(
        Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
        Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
        Map.entry("json", "application/json"), Map.entry("map", "application/json"), Map.entry("svg", "image/svg+xml"),
        Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
        Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("ico", "image/x-icon"),
        Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"),
        Map.entry("webmanifest", "application/manifest+json"), Map.entry("wasm", "application/wasm"));

    private final Server server;
    private final String url;

    private StaticSite(Server server, String url) {
        this.server = server;
        this.url = url;
    }

    /** Serves {@code root} on localhost:port (0 = any free port); null when the directory does not exist (no SPA built). */
    public static StaticSite startIfPresent(Path root, int port) { return startIfPresent(root, port, java.util.Map.of()); }

    /**
     * As above, plus {@code generated} files (path → content) that take precedence over the directory: devstack's
     * runtime {@code /config.json} describes this devstack's endpoints, whatever a previous build left in dist/.
     */
    public static StaticSite startIfPresent(Path root, int port, java.util.Map<String, byte[]> generated) {
        if (root == null || !Files.isDirectory(root)) return null;
        Server server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new FileHandler(root.toAbsolutePath().normalize(), generated));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("static site could not listen on port " + port + ": " + e.getMessage(), e);
        }
        return new StaticSite(server, "http://localhost:" + connector.getLocalPort());
    }

    public String url() { return url; }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping static site", e);
        }
    }

    /** The file handler; resolves inside root only (no ../ escapes). */
    static final class FileHandler extends Handler.Abstract {
        private final Path root;
        private final java.util.Map<String, byte[]> generated;

        FileHandler(Path root) { this(root, java.util.Map.of()); }

        FileHandler(Path root, java.util.Map<String, byte[]> generated) {
            this.root = root;
            this.generated = java.util.Map.copyOf(generated);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException {
            String method = request.getMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return answer(response, callback, 405, "text/plain; charset=utf-8", "method not allowed".getBytes(), false);
            }
            String path = request.getHttpURI().getDecodedPath();
            byte[] generatedBody = path == null ? null : generated.get(path);
            if (generatedBody != null) {
                response.getHeaders().put("cache-control", "no-store");
                return answer(response, callback, 200, type(path), generatedBody, method.equals("HEAD"));
            }
            Path file = resolve(path);
            if (file == null) {
                if (!looksLikePage(path, request.getHeaders().get(HttpHeader.ACCEPT))) {
                    return answer(response, callback, 404, "text/plain; charset=utf-8", "not found".getBytes(), false);
                }
                file = root.resolve("index.html");
                if (!java.nio.file.Files.isRegularFile(file)) {
                    return answer(response, callback, 404, "text/plain; charset=utf-8", "not found".getBytes(), false);
                }
            }
            byte[] body = java.nio.file.Files.readAllBytes(file);
            String name = file.getFileName().toString();
            // hashed build assets can be cached; index.html must be revalidated so new builds show up
            response.getHeaders().put("cache-control", name.equals("index.html") ? "no-cache" : "public, max-age=3600");
            return answer(response, callback, 200, type(name), body, method.equals("HEAD"));
        }

        private Path resolve(String path) {
            if (path == null || path.contains("\0")) return null;
            Path candidate = root.resolve(path.replaceFirst("^/+", "")).normalize();
            if (!candidate.startsWith(root)) return null;
            if (java.nio.file.Files.isDirectory(candidate)) candidate = candidate.resolve("index.html");
            return java.nio.file.Files.isRegularFile(candidate) ? candidate : null;
        }

        /** SPA fallback only for navigations: no file extension in the last segment, or an HTML Accept header. */
        private static boolean looksLikePage(String path, String accept) {
            String last = path.substring(path.lastIndexOf('/') + 1);
            return !last.contains(".") || (accept != null && accept.contains("text/html"));
        }

        private static String type(String name) {
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            return TYPES.getOrDefault(ext, "application/octet-stream");
        }

        private static boolean answer(Response response, Callback callback, int status, String type, byte[] body, boolean head) {
            response.setStatus(status);
            response.getHeaders().put("content-type", type);
            response.getHeaders().put("x-content-type-options", "nosniff");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
