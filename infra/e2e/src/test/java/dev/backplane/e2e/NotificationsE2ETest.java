// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.backplane.core.json.Json;
import dev.backplane.notifications.domain.WebhookSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * order paid → the buyer is notified on every enabled channel, on devstack: in-app (notification.created over a real
 * WebSocket), email (devstack's mail catcher) and a signed webhook received by a local server that checks the
 * signature. Then the webhook channel is turned off for order.paid and the next paid order reaches it no more.
 */
class NotificationsE2ETest {
    // a cold consumer that misses its init timeout on a busy host is retried after the queue's visibility timeout (120 s)
    private static final Duration WAIT = Duration.ofMinutes(6);
    private final LocalSystem system = LocalSystem.get();

    record Hook(String signature, String body) {}

    @Test
    void aPaidOrderReachesTheBuyerInAppByEmailAndBySignedWebhook() throws Exception {
        String bob = system.oidc.accessToken("bob");
        LocalSystem.awaitAuthorizer(system, bob);
        assertEquals(200, system.sendPatiently("GET", "/me", bob, null).statusCode()); // registers bob (his email reaches notifications)
        List<Hook> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                hooks.add(new Hook(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try (LiveClient socket = Scenarios.connect(system, bob)) {
            HttpResponse<String> created = system.sendPatiently("POST", "/me/webhooks", bob,
                "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
            assertEquals(201, created.statusCode(), created.body());
            String secret = Json.tree(created.body()).get("secret").asString();
            String hookId = Json.tree(created.body()).get("id").asString();
            HttpResponse<String> refused = system.sendPatiently("POST", "/me/webhooks", bob, "{\"url\":\"https://169.254.169.254/latest\"}");
            assertEquals(422, refused.statusCode());
            assertEquals("url", Json.tree(refused.body()).at("/errors/0/field").asString());

            String orderId = payOrder(bob);
            JsonNode pushed = socket.await(m -> "notification.created".equals(m.path("type").asString())
                && m.at("/data/body").asString("").contains(orderId), WAIT);
            assertEquals("Payment received", pushed.at("/data/title").asString());
            assertTrue(pushed.at("/data/unreadCount").asInt() >= 1);

            // order.paid and order.fulfilled each send a mail, in either order: wait for the payment's
            JsonNode mail = awaitMail("bob@example.com", orderId, "Payment received");
            assertEquals("Payment received", mail.get("subject").asString());

            Hook hook = await(() -> hooks.stream().filter(h -> h.body().contains(orderId)).findFirst().orElse(null));
            assertTrue(WebhookSignature.verify(hook.signature(), secret, hook.body(), Instant.now().getEpochSecond(), 300),
                "the webhook is signed with the secret shown at registration");

            JsonNode inbox = Json.tree(system.sendPatiently("GET", "/notifications?limit=5", bob, null).body());
            assertTrue(inbox.get("unreadCount").asInt() >= 1);
            assertEquals(200, system.sendPatiently("POST", "/notifications/read-all", bob, null).statusCode());
            assertEquals(0, Json.tree(system.sendPatiently("GET", "/notifications", bob, null).body()).get("unreadCount").asInt());

            // webhook off for order.paid → the next paid order reaches in-app and email only
            assertEquals(200, system.sendPatiently("PUT", "/me/notification-preferences", bob,
                "{\"preferences\":{\"order.paid\":{\"webhook\":false}}}").statusCode());
            String second = payOrder(bob);
            awaitMail("bob@example.com", second, "Payment received");
            await(() -> hooks.stream().filter(h -> h.body().contains(second) && type(h).equals("order.fulfilled")).findFirst().orElse(null));
            Thread.sleep(2000);
            assertTrue(hooks.stream().noneMatch(h -> h.body().contains(second) && type(h).equals("order.paid")),
                "no order.paid webhook once turned off");
            system.sendPatiently("PUT", "/me/notification-preferences", bob, "{\"preferences\":{\"order.paid\":{\"webhook\":true}}}");
            assertEquals(204, system.sendPatiently("DELETE", "/me/webhooks/" + hookId, bob, null).statusCode());
        } finally {
            receiver.stop(0);
        }
    }

    private static String type(Hook h) { return Json.tree(h.body()).get("type").asString(); }

    private String payOrder(String token) throws Exception {
        HttpResponse<String> placed = system.sendPatiently("POST", "/orders", token, "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":1}]}");
        assertEquals(201, placed.statusCode(), placed.body());
        String orderId = Json.tree(placed.body()).get("id").asString();
        HttpResponse<String> checkout = system.sendPatiently("POST", "/orders/" + orderId + "/checkout", token, null);
        assertEquals(200, checkout.statusCode(), checkout.body());
        String payUrl = Json.tree(checkout.body()).get("url").asString();
        HttpResponse<String> paid = system.http.send(HttpRequest.newBuilder(URI.create(payUrl + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(303, paid.statusCode(), paid.body());
        return orderId;
    }

    private JsonNode awaitMail(String to, String orderId, String subject) throws Exception {
        return await(() -> {
            try {
                HttpResponse<String> r = system.http.send(HttpRequest.newBuilder(URI.create(system.devstack.urls().get("Mail") + "/api/messages?to=" + to)).build(),
                    HttpResponse.BodyHandlers.ofString());
                for (JsonNode m : Json.tree(r.body())) {
                    if (m.get("text").asString("").contains(orderId) && subject.equals(m.get("subject").asString(""))) return m;
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T> T await(java.util.function.Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) return value;
            Thread.sleep(250);
        }
        throw new AssertionError("not seen within " + WAIT);
    }
}
