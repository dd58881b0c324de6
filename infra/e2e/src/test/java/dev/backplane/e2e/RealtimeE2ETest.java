// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backplane.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live push through the whole system on devstack: a browser-like WebSocket client authorized by identity's
 * AuthorizerFunction (token from the local OIDC provider), POST /orders → outbox → relay → EventBridge →
 * RealtimePushQueue → RealtimePushFunction (child JVM) → @connections → the owner's socket. Prints write → push
 * latency (docs/benchmarks.md, Realtime).
 */
class RealtimeE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final LocalSystem system = LocalSystem.get();

    @Test
    void theOwnerSeesTheirOrderPlacedLiveAndAnotherUserCannotWatchIt() throws Exception {
        try (Client alice = connect(system.oidc.accessToken("alice")); Client bob = connect(system.oidc.accessToken("bob"))) {
            alice.send("{\"action\":\"ping\"}");
            alice.await(m -> type(m, "pong"), WAIT);

            String token = system.oidc.accessToken("alice");
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long start = System.nanoTime();
                String orderId = placeOrder(token);
                JsonNode pushed = alice.await(m -> type(m, "order.placed") && orderId.equals(m.path("data").path("orderId").asString()), WAIT);
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(orderId, pushed.path("data").path("orderId").asString());
                if (i == 0) {
                    assertEquals("subscribed", alice.subscribe("order:" + orderId).path("type").asString());
                    assertEquals("forbidden_topic", bob.subscribe("order:" + orderId).path("code").asString());
                }
            }
            List<Long> warm = new ArrayList<>(millis.subList(2, millis.size()));
            warm.sort(null);
            System.out.println("e2e write -> push latency (POST /orders start to socket receipt), first " + millis.get(0)
                + " ms; warm n=" + warm.size() + " p50 " + warm.get(warm.size() / 2) + " ms, max " + warm.getLast() + " ms");
            bob.send("{\"action\":\"ping\"}");
            bob.await(m -> type(m, "pong"), WAIT);
            assertEquals(0, bob.seen.stream().filter(m -> type(m, "order.placed")).count(), "bob sees none of alice's orders");
        }
    }

    private String placeOrder(String token) {
        HttpResponse<String> placed = system.send("POST", "/orders", token, "{\"lines\":[{\"productId\":\"p-espresso\",\"quantity\":1}]}", Map.of());
        assertEquals(201, placed.statusCode(), placed.body());
        return Json.tree(placed.body()).get("id").asString();
    }

    private static boolean type(JsonNode m, String type) { return m.path("type").asString("").equals(type); }

    Client connect(String token) {
        URI uri = URI.create(system.devstack.urls().get("WebSocket API") + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        Client client = new Client();
        client.socket = system.http.newWebSocketBuilder().buildAsync(uri, client).join();
        return client;
    }

    /** A minimal WebSocket client recording every message. */
    static final class Client implements WebSocket.Listener, AutoCloseable {
        final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        final List<JsonNode> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode m = Json.tree(partial.toString());
                partial.setLength(0);
                seen.add(m);
                inbox.add(m);
            }
            webSocket.request(1);
            return null;
        }

        void send(String text) { socket.sendText(text, true).join(); }

        JsonNode subscribe(String topic) {
            send("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
            return await(m -> type(m, "error") || type(m, "subscribed") && topic.equals(m.path("topic").asString()), WAIT);
        }

        JsonNode await(Predicate<JsonNode> match, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    JsonNode m = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (m == null) throw new AssertionError("no matching message within " + timeout + "; seen " + seen);
                    if (match.test(m)) return m;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() { socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join(); }
    }
}
