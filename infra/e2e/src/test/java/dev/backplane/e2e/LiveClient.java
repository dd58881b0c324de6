// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import dev.backplane.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A browser-like WebSocket client of the live API, recording every message. */
public final class LiveClient implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static LiveClient connect(HttpClient http, URI uri) {
        LiveClient client = new LiveClient();
        client.socket = http.newWebSocketBuilder().buildAsync(uri, client).join();
        return client;
    }

    static boolean type(JsonNode m, String type) { return m.path("type").asString("").equals(type); }

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

    List<JsonNode> seen() { return seen; }

    void send(String text) { socket.sendText(text, true).join(); }

    JsonNode subscribe(String topic, Duration timeout) {
        send("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
        return await(m -> type(m, "error") || type(m, "subscribed") && topic.equals(m.path("topic").asString()), timeout);
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

    /** Closing a socket the server already closed (a refused or dropped connection) is not an error. */
    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        } catch (RuntimeException alreadyClosed) {
            // nothing left to close
        }
    }
}
