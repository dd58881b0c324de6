package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The loss this guards against: EventBridge fails for longer than the relay's whole retry budget, the stream mapping
 * gives up (batch metadata to RelayDeadLetterQueue) and, without the sweeper, the outbox items would expire unseen.
 * With the fault lifted, one sweep delivers every event, once in effect; a second sweep finds nothing.
 */
class OutboxSweeperE2ETest {
    private final LocalSystem system = LocalSystem.get();
    private final OpsConsole ops = new OpsConsole(system);

    @AfterEach
    void liftFault() { ops.fault("events", "PutEvents", Duration.ZERO); }

    @Test
    void eventsTheRelayGaveUpOnAreDeliveredOnceBySweeper() {
        String alice = system.oidc.accessToken("alice");
        ops.warm("AuthorizerFunction", "ListOrdersFunction", "PlaceOrderFunction", "OutboxSweeperFunction", "GetTraceFunction",
            "RecordEventFunction");
        // warm the path and register alice (user.registered) before the fault window; cold starts here can time out
        ops.await("GET /orders answering", Duration.ofSeconds(120),
            () -> Json.object().put("status", system.send("GET", "/orders", alice, null, Map.of()).statusCode()), s -> s.get("status").asInt() == 200);
        int relayFailuresBefore = ops.depth("RelayDeadLetterQueue");
        ops.fault("events", "PutEvents", Duration.ofMinutes(3));

        List<String> correlationIds = new ArrayList<>();
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String correlationId = "e2e-sweep-" + UUID.randomUUID();
            HttpResponse<String> placed = ops.placeOrder(alice, correlationId);
            assertEquals(201, placed.statusCode(), placed.body());
            correlationIds.add(correlationId);
            orderIds.add(Json.tree(placed.body()).get("id").asString());
        }
        ops.await("the stream mapping giving up on the relay", Duration.ofSeconds(150),
            () -> Json.object().put("depth", ops.depth("RelayDeadLetterQueue")), d -> d.get("depth").asInt() > relayFailuresBefore);
        for (String c : correlationIds) {
            // the trace already holds the HTTP call's hop, but no event: nothing reached the bus during the fault
            JsonNode trace = ops.adminGet("/admin/traces/" + c);
            assertTrue(trace == null || trace.get("events").isEmpty(), "nothing reached the bus during the fault: " + trace);
        }
        JsonNode stats = ops.stats();
        assertTrue(stats.at("/queues/RelayDeadLetterQueue/visible").asInt() > relayFailuresBefore, stats.toString());
        assertTrue(stats.at("/faults/injected").asLong() > 0, stats.toString());

        ops.fault("events", "PutEvents", Duration.ZERO);
        JsonNode swept = ops.invoke("OutboxSweeperFunction", "{\"olderThanSeconds\":0,\"maxItems\":500}");
        assertEquals(0, swept.get("failed").asInt(), swept.toString());

        for (int i = 0; i < correlationIds.size(); i++) {
            String orderId = orderIds.get(i);
            String correlationId = correlationIds.get(i);
            JsonNode trace = ops.await("order.placed of " + orderId + " in the event store", Duration.ofSeconds(180), // a failed delivery returns after the queue's 120 s visibility timeout
                () -> ops.adminGet("/admin/traces/" + correlationId), t -> count(t, "order.placed") > 0);
            assertEquals(1, count(trace, "order.placed"));
            assertEquals(orderId, trace.get("events").get(0).get("data").get("orderId").asString());
        }
        assertEquals(0, ops.invoke("OutboxSweeperFunction", "{\"olderThanSeconds\":0,\"maxItems\":500}").get("found").asInt(),
            "every swept item was deleted");
    }

    private static long count(JsonNode trace, String type) {
        return trace.get("events").valueStream().filter(e -> type.equals(e.get("type").asString())).count();
    }
}
