package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Through real protocols only: HTTP API (JWT from the local OIDC provider) → PlaceOrderFunction → DynamoDB →
 * stream → OutboxRelayFunction → EventBridge → rule → SQS → RecordEventFunction, read back through the HTTP API.
 */
class OrderFlowE2ETest {
    private final LocalSystem system = LocalSystem.get();

    @Test
    void anOrderTravelsToTheEventStoreWithItsCorrelationId() throws Exception {
        String alice = system.oidc.accessToken("alice");
        String admin = system.oidc.accessToken("admin");
        String correlationId = "e2e-" + UUID.randomUUID();

        HttpResponse<String> placed = system.send("POST", "/orders", alice,
            "{\"lines\":[{\"productId\":\"p-espresso\",\"quantity\":1}]}", Map.of("x-correlation-id", correlationId));
        assertEquals(201, placed.statusCode(), placed.body());
        assertEquals(correlationId, placed.headers().firstValue("x-correlation-id").orElseThrow());
        String orderId = Json.tree(placed.body()).get("id").asString();

        // alice's first authenticated call may also register her (user.registered, same correlation id)
        JsonNode trace = awaitTrace(admin, correlationId, "order.placed", Duration.ofSeconds(90));
        JsonNode event = trace.get("events").valueStream().filter(e -> e.get("type").asString().equals("order.placed")).findFirst().orElseThrow();
        assertEquals("order.placed", event.get("type").asString());
        assertEquals(correlationId, event.get("correlationId").asString());
        assertEquals(orderId, event.get("data").get("orderId").asString());
    }

    @Test
    void gatewayRejectsMissingTokensAndFunctionsHideOtherUsersOrders() {
        assertEquals(401, system.send("GET", "/orders", null, null, Map.of()).statusCode());
        String alice = system.oidc.accessToken("alice");
        HttpResponse<String> placed = system.send("POST", "/orders", alice, "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":1}]}", Map.of());
        assertEquals(201, placed.statusCode(), placed.body());
        String orderId = Json.tree(placed.body()).get("id").asString();
        String bob = system.oidc.accessToken("bob");
        assertEquals(404, system.send("GET", "/orders/" + orderId, bob, null, Map.of()).statusCode());
        assertEquals(404, system.send("POST", "/orders/" + orderId + "/cancel", bob, null, Map.of()).statusCode());
        assertEquals(403, system.send("GET", "/admin/traces/anything-1234", bob, null, Map.of()).statusCode());
        assertEquals(200, system.send("GET", "/products", null, null, Map.of()).statusCode());
    }

    private JsonNode awaitTrace(String token, String correlationId, String type, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = system.send("GET", "/admin/traces/" + correlationId, token, null, Map.of());
            if (last.statusCode() == 200 && Json.tree(last.body()).get("events").valueStream()
                .anyMatch(e -> type.equals(e.get("type").asString()))) return Json.tree(last.body());
            Thread.sleep(250);
        }
        assertTrue(false, "event never reached the event store; last answer " + (last == null ? "none" : last.statusCode() + " " + last.body()));
        return null;
    }
}
