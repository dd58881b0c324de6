package dev.backplane.orders.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The orders side of fraud review: order.flag_requested holds the order; an admin approves or rejects it. */
class FraudReviewTest {
    private static final String PLACE = "PlaceOrderFunction/place-order_valid.json";
    private static final String REVIEW = "ReviewOrderFunction/review-order_approve.json";
    private static final String SUCCEEDED = "OrderSagaFunction/sqs_payment-succeeded.json";
    private final OrdersApi api;

    FraudReviewTest() throws Exception { api = new OrdersApi(); }

    @AfterEach
    void close() { api.close(); }

    @Test
    void aFlaggedOrderIsHeldWithItsStockThenApprovedBackToPayable() {
        String id = place();
        flag(id, "evt-flag-1");
        flag(id, "evt-flag-1"); // redelivery
        JsonNode held = order(id);
        assertEquals("FLAGGED", held.get("status").asString());
        assertTrue(held.get("history").get(1).get("reason").asString().contains("3 failed payments in a row"));
        assertEquals(198, api.stock("p-espresso"), "stock stays reserved while held");
        assertEquals(1, outbox("order.flagged").size());
        JsonNode queue = OrdersApi.json(api.call("listFlaggedOrders", "ListFlaggedOrdersFunction/list-flagged_admin.json"));
        assertEquals(id, queue.get("items").get(0).get("id").asString());

        APIGatewayV2HTTPResponse approved = review(id, "admin", Map.of("decision", "approve", "note", "known customer"));
        assertEquals(200, approved.getStatusCode(), approved.getBody());
        assertEquals("PENDING_PAYMENT", OrdersApi.json(approved).get("status").asString());
        assertEquals("admin", outbox("order.review_approved").getFirst().at("/data/reviewer").asString());
        assertEquals(409, review(id, "admin", Map.of("decision", "approve")).getStatusCode(), "only held orders are reviewed");
    }

    @Test
    void rejectingCancelsAndReleasesStockAndAPaymentTakenWhileHeldIsRefunded() {
        String unpaid = place();
        flag(unpaid, "evt-flag-2");
        APIGatewayV2HTTPResponse rejected = review(unpaid, "admin", Map.of("decision", "reject", "note", "stolen card"));
        assertEquals("CANCELLED", OrdersApi.json(rejected).get("status").asString());
        assertEquals("fraud", outbox("order.cancelled").getFirst().at("/data/reason").asString());
        assertEquals(200, api.stock("p-espresso"));

        String paid = place();
        flag(paid, "evt-flag-3");
        assertNoFailures(saga(sagaDelivery(SUCCEEDED, paid, "evt-pay-held", Map.of("paymentId", "pi_held"))));
        assertEquals("FLAGGED", order(paid).get("status").asString(), "a payment does not release the hold");
        assertEquals(0, outbox("order.paid").size());
        APIGatewayV2HTTPResponse refunded = review(paid, "admin", Map.of("decision", "reject"));
        assertEquals("REFUND_PENDING", OrdersApi.json(refunded).get("status").asString());
        JsonNode refund = outbox("order.refund_requested").getFirst().get("data");
        assertEquals("pi_held", refund.get("paymentId").asString());
        assertEquals("fraud", refund.get("reason").asString());
        assertEquals(200, api.stock("p-espresso"));

        // the owner cancelling a held order that was paid meanwhile gets the money back too
        String heldPaid = place();
        flag(heldPaid, "evt-flag-5");
        assertNoFailures(saga(sagaDelivery(SUCCEEDED, heldPaid, "evt-pay-held-2", Map.of("paymentId", "pi_held_2"))));
        var cancelled = api.call("cancelOrder", "CancelOrderFunction/cancel-order_unknown.json", "user-alice", heldPaid, null, null);
        assertEquals("REFUND_PENDING", OrdersApi.json(cancelled).get("status").asString(), cancelled.getBody());
    }

    @Test
    void onlyAdminsReviewAndTheDecisionIsValidated() {
        String id = place();
        flag(id, "evt-flag-4");
        APIGatewayV2HTTPResponse forbidden = api.call("reviewOrder", "ReviewOrderFunction/review-order_non-admin.json", null, id, null, null);
        assertEquals(403, forbidden.getStatusCode());
        APIGatewayV2HTTPResponse invalid = review(id, "admin", Map.of("decision", "maybe"));
        assertEquals(422, invalid.getStatusCode());
        assertEquals("decision", OrdersApi.json(invalid).at("/errors/0/field").asString());
        assertEquals(404, review("ord_missing", "admin", Map.of("decision", "approve")).getStatusCode());
        assertEquals("FLAGGED", order(id).get("status").asString());
    }

    private String place() {
        var r = api.call("placeOrder", PLACE, "user-alice", null, null, Map.of());
        assertEquals(201, r.getStatusCode(), r.getBody());
        return OrdersApi.json(r).get("id").asString();
    }

    private JsonNode order(String id) { return OrdersApi.json(api.call("getOrder", "GetOrderFunction/get-order_unknown.json", "user-alice", id, null, null)); }

    private APIGatewayV2HTTPResponse review(String id, String admin, Object body) {
        return api.call("reviewOrder", REVIEW, admin, id, body, null);
    }

    private void flag(String orderId, String eventId) {
        ObjectNode data = Json.object().put("orderId", orderId).put("userId", "user-alice").put("score", 85);
        data.putArray("reasons").add("5 orders in 10 minutes (limit 5)").add("3 failed payments in a row");
        String delivery = sagaDelivery(SUCCEEDED, orderId, eventId, Map.of());
        ObjectNode sqs = (ObjectNode) Json.tree(delivery);
        ObjectNode record = (ObjectNode) sqs.get("Records").get(0);
        ObjectNode body = (ObjectNode) Json.tree(record.get("body").asString());
        body.put("detail-type", "order.flag_requested").put("source", "backplane.agents");
        ((ObjectNode) body.get("detail")).put("type", "order.flag_requested").put("source", "backplane.agents").set("data", data);
        record.put("body", Json.write(body));
        assertNoFailures(saga(Json.write(sqs)));
    }

    private static String sagaDelivery(String sample, String orderId, String eventId, Map<String, Object> data) {
        ObjectNode sqs = (ObjectNode) Json.tree(FunctionHarness.event(sample));
        ObjectNode record = (ObjectNode) sqs.get("Records").get(0);
        ObjectNode body = (ObjectNode) Json.tree(record.get("body").asString());
        ObjectNode detail = (ObjectNode) body.get("detail");
        detail.put("id", eventId);
        ((ObjectNode) detail.get("subject")).put("id", orderId);
        ObjectNode d = (ObjectNode) detail.get("data");
        d.put("orderId", orderId);
        data.forEach((k, v) -> d.set(k, Json.toTree(v)));
        record.put("body", Json.write(body)).put("messageId", UUID.randomUUID().toString());
        return Json.write(sqs);
    }

    private SQSBatchResponse saga(String delivery) { return api.functions.invoke("runOrderSaga", SQSEvent.class, delivery); }

    private static void assertNoFailures(SQSBatchResponse r) { assertTrue(r.getBatchItemFailures().isEmpty(), "batch failures: " + r.getBatchItemFailures()); }

    private List<JsonNode> outbox(String type) { return api.outbox().stream().filter(e -> e.get("type").asString().equals(type)).toList(); }
}
