// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.realtime.testing.RealtimeStack;
import dev.backplane.realtime.testing.TestSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Misuse limits of the WebSocket API over real sockets: the per-user connection cap and the per-connection message rate. */
class SocketLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theEleventhSocketOfAUserIsRefusedWith429AndOtherUsersAreUnaffected() {
        try (RealtimeStack stack = new RealtimeStack()) {
            String token = stack.token("cap-user", "user");
            List<TestSocket> open = new ArrayList<>();
            try {
                open.add(stack.connectPatiently(token));
                for (int i = 1; i < 10; i++) open.add(stack.connect(token));
                CompletionException refused = assertThrows(CompletionException.class, () -> open.add(stack.connect(token)));
                WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
                assertEquals(429, handshake.getResponse().statusCode());
                open.add(stack.connect(stack.token("other-user", "user")));
                open.getFirst().close();
                open.removeFirst();
                awaitReconnectAllowed(stack, token, open);
            } finally {
                open.forEach(TestSocket::close);
            }
        }
    }

    /** Closing one frees a slot ($disconnect removes its record). */
    private static void awaitReconnectAllowed(RealtimeStack stack, String token, List<TestSocket> open) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                open.add(stack.connect(token));
                return;
            } catch (CompletionException e) {
                if (System.nanoTime() > deadline) throw e;
            }
        }
    }

    @Test
    void messagesBeyondTheConnectionsRateAreDroppedWithRateLimitedNeverA500() {
        String buckets = LocalDynamo.newAppTable();
        try (RealtimeStack stack = new RealtimeStack(Map.of("RATE_LIMIT_TABLE", buckets, "WS_MESSAGE_RATE", "3/1m"));
             TestSocket socket = stack.connectPatiently(stack.token("chatty-user", "user"))) {
            for (int i = 0; i < 3; i++) {
                socket.send("{\"action\":\"ping\"}");
                socket.await(m -> m.path("type").asString().equals("pong"), WAIT);
            }
            socket.send("{\"action\":\"ping\"}");
            JsonNode limited = socket.await(m -> m.path("type").asString().equals("error"), WAIT);
            assertEquals("rate_limited", limited.path("code").asString());
            assertEquals(3, socket.receivedOfType("pong").size(), "the 4th ping was dropped");
        }
    }

    @Test
    void aConnectionThatKeepsSendingAfterBeingRefusedIsClosedWithAFinalErrorSayingWhy() throws Exception {
        String buckets = LocalDynamo.newAppTable();
        try (RealtimeStack stack = new RealtimeStack(Map.of("RATE_LIMIT_TABLE", buckets, "WS_MESSAGE_RATE", "2/1m",
                "WS_CLOSE_AFTER_REFUSALS", "2/1m"));
             TestSocket socket = stack.connectPatiently(stack.token("flooding-user", "user"))) {
            for (int i = 0; i < 2; i++) {
                socket.send("{\"action\":\"ping\"}");
                socket.await(m -> m.path("type").asString().equals("pong"), WAIT);
            }
            for (int refused = 1; refused <= 2; refused++) {
                socket.send("{\"action\":\"ping\"}");
                JsonNode error = socket.await(m -> m.path("type").asString().equals("error"), WAIT);
                assertEquals("rate_limited", error.path("code").asString());
                assertFalse(error.has("closing"), "refused, not closed yet: " + error);
            }
            assertFalse(socket.closedByServer().isDone(), "refused twice: still open, the client was told to slow down");

            socket.send("{\"action\":\"ping\"}");
            JsonNode last = socket.await(m -> m.path("type").asString().equals("error"), WAIT);
            int code = socket.closedByServer().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(1000, code, "closed by API Gateway (DeleteConnection)");
            assertEquals("rate_limited", last.path("code").asString());
            assertTrue(last.path("closing").asBoolean(), "the last frame says the connection is being closed: " + last);
            assertTrue(last.path("retryAfterSeconds").asLong() >= 1, "and when to reconnect: " + last);
            assertEquals(2, socket.receivedOfType("pong").size());
        }
    }
}
