// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.testing;

import dev.backplane.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A real WebSocket client (JDK java.net.http) that records every text message it receives, in order. */
public final class TestSocket implements AutoCloseable {
    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<JsonNode> skipped = new ArrayList<>();
    private volatile java.util.function.Consumer<JsonNode> onReceipt = m -> { };
    private final java.util.concurrent.CompletableFuture<Integer> closedByServer = new java.util.concurrent.CompletableFuture<>();

    private TestSocket(HttpClient http, URI uri) {
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Listener()).join();
    }

    static TestSocket open(HttpClient http, URI uri) { return new TestSocket(http, uri); }

    public void send(String text) { socket.sendText(text, true).join(); }

    /** Sends a subscribe and returns the server's answer (subscribed ack or error). */
    public JsonNode subscribe(String topic) {
        send("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
        return await(m -> m.path("topic").asString("").equals(topic) && m.path("type").asString("").equals("subscribed")
            || m.path("type").asString("").equals("error"), Duration.ofSeconds(10));
    }

    /** The first not-yet-consumed message matching the predicate; messages skipped over stay available to later awaits. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        synchronized (skipped) {
            for (var it = skipped.iterator(); it.hasNext(); ) {
                JsonNode m = it.next();
                if (match.test(m)) {
                    it.remove();
                    return m;
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    JsonNode next = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) throw new AssertionError("no matching message within " + timeout + "; received " + received);
                    if (match.test(next)) return next;
                    skipped.add(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Called on the client's receiving thread the moment a message is complete (benchmarks take their timestamp here). */
    public void onReceipt(java.util.function.Consumer<JsonNode> listener) { this.onReceipt = listener; }

    public List<JsonNode> received() { return new ArrayList<>(received); }

    /** Messages of a given type (e.g. "order.placed"). */
    public List<JsonNode> receivedOfType(String type) {
        return received.stream().filter(m -> m.path("type").asString("").equals(type)).toList();
    }

    /** Completes with the close status code when the server closes the connection. */
    public java.util.concurrent.CompletableFuture<Integer> closedByServer() { return closedByServer; }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    /** Drops the TCP connection without a close frame, like a laptop lid closing. */
    public void abort() { socket.abort(); }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = Json.tree(partial.toString());
                partial.setLength(0);
                onReceipt.accept(message);
                received.add(message);
                inbox.add(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.complete(statusCode);
            return null;
        }
    }
}
