package dev.backplane.core.testing;

import com.sun.net.httpserver.HttpServer;
import dev.backplane.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tiny EventBridge endpoint speaking the real PutEvents wire protocol (AWS JSON 1.1), recording every entry.
 * It can reject the next N entries with an error code to exercise the relay's retry and checkpoint logic.
 */
public final class RecordingEventBridge implements AutoCloseable {
    private final HttpServer server;
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejectNext = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    public RecordingEventBridge() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request = Json.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ObjectNode response = Json.object();
            int failed = 0;
            if ("AWSEvents.PutEvents".equals(target)) {
                ArrayNode results = response.putArray("Entries");
                for (JsonNode entry : request.get("Entries")) {
                    if (rejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        failed++;
                        results.addObject().put("ErrorCode", "InternalFailure").put("ErrorMessage", "injected");
                    } else {
                        accepted.add(entry);
                        results.addObject().put("EventId", UUID.randomUUID().toString());
                    }
                }
            }
            response.put("FailedEntryCount", failed);
            byte[] body = Json.write(response).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public String endpoint() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    public List<JsonNode> accepted() { return List.copyOf(accepted); }

    public int calls() { return calls.get(); }

    public void rejectNext(int entries) { rejectNext.set(entries); }

    @Override
    public void close() { server.stop(0); }
}
