// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One user opening 100 sockets at once (a reconnect storm, a page opened in many tabs): each handshake is accepted
 * (101), or refused clearly — 429 over the per-user connection limit, 403 — and never a 5xx, which a cold or timed-out
 * authorizer used to produce. Counts per status are printed.
 */
class WebSocketBurstE2ETest {
    private static final int SOCKETS = 100;
    private static final Set<Integer> CLEAR_ANSWERS = Set.of(101, 429, 403);
    private final LocalSystem system = LocalSystem.get();

    @Test
    void aBurstOfConnectionsByOneUserIsAnsweredWithoutServerErrors() throws Exception {
        String token = system.accessToken("carol");
        LocalSystem.awaitAuthorizer(system, token);
        URI uri = URI.create(system.webSocketUrl() + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<WebSocket>> attempts = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) attempts.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60)).buildAsync(uri, new WebSocket.Listener() {}));
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> unclear = new ArrayList<>();
        List<WebSocket> open = new ArrayList<>();
        for (CompletableFuture<WebSocket> attempt : attempts) {
            int status;
            try {
                open.add(attempt.get(90, TimeUnit.SECONDS));
                status = 101;
            } catch (java.util.concurrent.ExecutionException | CompletionException e) {
                if (!(e.getCause() instanceof WebSocketHandshakeException refused)) {
                    unclear.add(String.valueOf(e.getCause()));
                    continue;
                }
                status = refused.getResponse().statusCode();
            }
            statuses.merge(status, 1, Integer::sum);
        }
        for (WebSocket socket : open) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(closed -> null);
        System.out.println("WebSocket burst of " + SOCKETS + " handshakes by one user: " + statuses);
        assertTrue(unclear.isEmpty(), "handshakes without an HTTP answer: " + unclear);
        assertEquals(SOCKETS, statuses.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(CLEAR_ANSWERS.containsAll(statuses.keySet()), "every handshake is 101, 429 or 403, never a 5xx: " + statuses);
        assertTrue(statuses.getOrDefault(101, 0) >= 1, "the user's first connections are accepted: " + statuses);
    }
}
