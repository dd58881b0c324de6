package dev.backplane.chat.llm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local server speaking the OpenAI Chat Completions streaming wire format: {@code text/event-stream}, one
 * {@code data: <chunk json>} event per delta, {@code data: [DONE]} at the end, flushed chunk by chunk.
 */
final class FakeOpenAi implements AutoCloseable {
    /** What to answer to one request body: status, and the SSE frames to write (each flushed on its own). */
    record Script(int status, List<String> frames) {}

    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeOpenAi(Function<String, Script> script) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            authorizations.add(exchange.getRequestHeaders().getFirst("authorization"));
            Script s = script.apply(body);
            if (s.status() != 200) {
                exchange.getResponseHeaders().add("retry-after", "2");
                exchange.sendResponseHeaders(s.status(), -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("content-type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String frame : s.frames()) {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.start();
    }

    String baseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1"; }

    static String chunk(String json) { return "data: " + json + "\n\n"; }

    static String text(String content) { return chunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(content) + "}}]}"); }

    static String quote(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }

    @Override
    public void close() { server.stop(0); }
}
