// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.event.Subject;
import dev.backplane.core.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * order placed → fraud agent decides → orders holds the order → an admin reviews it, on devstack. The risky buyer is a
 * user of its own (a client-credentials token, subject unique per run), so the seeded users other suites use are
 * never flagged. Declined payments are billing's payment.failed events put on the bus as billing would.
 */
class FraudReviewE2ETest {
    // a cold consumer that misses its init timeout on a busy host is retried after the queue's visibility timeout (120 s)
    private static final Duration WAIT = Duration.ofMinutes(6);
    private final LocalSystem system = LocalSystem.get();
    private final BusEvents bus = new BusEvents(system);
    private String fraudQueueVisibility;

    /**
     * The agent keeps one profile per buyer and refuses a stale write: two warm instances judging the risky buyer's
     * orders at once put one message back, which returns after the queue's visibility timeout (120 s). Shortened here,
     * so a conflict costs seconds, not two minutes; the redelivery itself is what the journey then relies on.
     */
    @BeforeEach
    void quickRedelivery() {
        String queue = system.queueUrl("FraudAgentQueue");
        fraudQueueVisibility = system.sqs().getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
            .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
        system.sqs().setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "15")));
    }

    @AfterEach
    void usualRedelivery() {
        if (fraudQueueVisibility == null) return;
        system.sqs().setQueueAttributes(b -> b.queueUrl(system.queueUrl("FraudAgentQueue"))
            .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, fraudQueueVisibility)));
    }

    @Test
    void aRiskySequenceHoldsTheOrderUntilAnAdminApprovesOrRejectsIt() throws Exception {
        String risky = system.oidc.accessToken("carol"); // a user token (machine tokens are never users); carol has no history
        String admin = system.oidc.accessToken("admin");
        String bob = system.oidc.accessToken("bob");
        LocalSystem.awaitAuthorizer(system, bob);
        String normal = place(bob);

        String last = null;
        List<String> riskyOrders = new ArrayList<>();
        for (int i = 0; i < 5; i++) riskyOrders.add(last = place(risky));
        // the payments fail after the agent has seen the orders, as they would: an order.placed delivered after the
        // failures (a second agent instance starting) would otherwise be judged with the whole history instead of last
        for (String order : riskyOrders) awaitAssessment(admin, order);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> declined = new HashMap<>();
            declined.put("orderId", last);
            declined.put("sessionId", "cs_e2e_" + i);
            declined.put("reason", "card_declined");
            declined.put("retryable", true);
            bus.put("payment.failed", "backplane.billing", new Subject("order", last), declined);
        }
        JsonNode held = awaitStatus(risky, last, "FLAGGED");
        String reason = held.get("history").get(1).get("reason").asString();
        assertTrue(reason.contains("orders in 10 minutes") && reason.contains("failed payments in a row"), reason);
        HttpResponse<String> checkout = system.sendPatiently("POST", "/orders/" + last + "/checkout", risky, null);
        assertEquals(409, checkout.statusCode(), "a held order is not payable: " + checkout.body());

        JsonNode queue = Json.tree(system.sendPatiently("GET", "/admin/orders/flagged?limit=100", admin, null).body());
        boolean listed = false;
        for (JsonNode o : queue.get("items")) listed |= o.get("id").asString().equals(last);
        assertTrue(listed, "in the review queue: " + queue);
        assertEquals(403, system.sendPatiently("POST", "/admin/orders/" + last + "/review", bob, "{\"decision\":\"approve\"}").statusCode());

        HttpResponse<String> approved = system.sendPatiently("POST", "/admin/orders/" + last + "/review", admin, "{\"decision\":\"approve\",\"note\":\"called the buyer\"}");
        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals("PENDING_PAYMENT", Json.tree(approved.body()).get("status").asString());
        assertEquals(200, system.sendPatiently("POST", "/orders/" + last + "/checkout", risky, null).statusCode(), "payable again");

        // still failing payments and still fast: the next order is held as soon as it is placed; rejecting it puts the stock back
        int stockBefore = stock();
        String next = place(risky);
        awaitStatus(risky, next, "FLAGGED");
        assertEquals(stockBefore - 1, stock(), "held orders keep their stock");
        HttpResponse<String> rejected = system.sendPatiently("POST", "/admin/orders/" + next + "/review", admin, "{\"decision\":\"reject\",\"note\":\"fraud\"}");
        assertEquals("CANCELLED", Json.tree(rejected.body()).get("status").asString(), rejected.body());
        assertEquals(stockBefore, stock());

        // the agent has judged bob's order (its assessment is in the event store), found it ordinary and asked for no hold
        JsonNode assessed = awaitAssessment(admin, normal);
        assertNotEquals("high", assessed.get("level").asString(), "a normal order is not high risk: " + assessed);
        for (JsonNode e : orderEvents(admin, normal)) {
            String type = e.get("type").asString();
            assertFalse(type.equals("order.flag_requested") || type.equals("order.flagged"), "a normal order is not flagged: " + type);
        }
        assertEquals("PENDING_PAYMENT", Json.tree(system.sendPatiently("GET", "/orders/" + normal, bob, null).body()).get("status").asString(),
            "a normal order is not flagged");
    }

    /** The fraud agent's fraud.assessed data for the order, once it is in the event store. */
    private JsonNode awaitAssessment(String admin, String orderId) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode e : orderEvents(admin, orderId)) {
                if (e.get("type").asString().equals("fraud.assessed")) return e.get("data");
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the fraud agent never assessed order " + orderId + "; its events: " + orderEvents(admin, orderId));
    }

    private JsonNode orderEvents(String admin, String orderId) {
        HttpResponse<String> r = system.sendPatiently("GET", "/admin/events?subject=order:" + orderId + "&limit=100", admin, null);
        assertEquals(200, r.statusCode(), r.body());
        return Json.tree(r.body()).get("items");
    }

    private String place(String token) {
        HttpResponse<String> r = system.sendPatiently("POST", "/orders", token, "{\"lines\":[{\"productId\":\"p-espresso\",\"quantity\":1}]}");
        assertEquals(201, r.statusCode(), r.body());
        return Json.tree(r.body()).get("id").asString();
    }

    private int stock() { return Json.tree(system.sendPatiently("GET", "/products/p-espresso", null, null).body()).get("stock").asInt(); }

    private JsonNode awaitStatus(String token, String orderId, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = system.sendPatiently("GET", "/orders/" + orderId, token, null);
            last = r.body();
            if (r.statusCode() == 200 && Json.tree(r.body()).get("status").asString().equals(status)) return Json.tree(r.body());
            Thread.sleep(200);
        }
        throw new AssertionError("order never became " + status + "; last: " + last);
    }
}
