package dev.backplane.orders.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.orders.OrdersFunctions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The order saga fed with the events/ samples (as SQS delivers them), against DynamoDB Local. */
class OrderSagaTest {
    private static final String PLACE = "PlaceOrderFunction/place-order_valid.json";
    private static final String SUCCEEDED = "OrderSagaFunction/sqs_payment-succeeded.json";
    private static final String FAILED = "OrderSagaFunction/sqs_payment-failed.json";
    private final OrdersApi api;

    OrderSagaTest() throws Exception { api = new OrdersApi(); }

    @AfterEach
    void close() { api.close(); }

    @Test
    void aPaymentPaysThenFulfilsTheOrderOnceInItsCorrelationChain() {
        String id = place();
        String payment = sagaEvent(SUCCEEDED, id, Map.of("paymentId", "pi_1"), "evt-pay-1");
        assertNoFailures(saga(payment));
        assertNoFailures(saga(payment)); // redelivery of the same event
        assertNoFailures(saga(sagaEvent(SUCCEEDED, id, Map.of("paymentId", "pi_1"), "evt-pay-2"))); // Stripe retry as a new event
        JsonNode paid = only("order.paid");
        assertEquals("pi_1", paid.get("data").get("paymentId").asString());
        assertEquals("corr-sample-0001", paid.get("correlationId").asString());
        assertEquals("evt-pay-1", paid.get("causationId").asString());

        String paidEvent = sqsOf(paid);
        assertNoFailures(saga(paidEvent));
        assertNoFailures(saga(paidEvent));
        only("order.fulfilled");
        JsonNode order = order(id);
        assertEquals("FULFILLED", order.get("status").asString());
        assertEquals(List.of("PENDING_PAYMENT", "PAID", "FULFILLED"), statuses(order));
    }

    @Test
    void aFailedPaymentCancelsAndReleasesStockButNotOnceTheOrderIsPaid() {
        String id = place();
        assertEquals(198, api.stock("p-espresso"));
        assertNoFailures(saga(sagaEvent(FAILED, id, Map.of(), "evt-fail-1")));
        JsonNode cancelled = only("order.cancelled");
        assertEquals("payment_failed", cancelled.get("data").get("reason").asString());
        assertEquals(200, api.stock("p-espresso"));
        assertEquals("CANCELLED", order(id).get("status").asString());

        String other = place();
        assertNoFailures(saga(sagaEvent(SUCCEEDED, other, Map.of("paymentId", "pi_2"), "evt-pay-3")));
        assertNoFailures(saga(sagaEvent(FAILED, other, Map.of(), "evt-fail-late"))); // late: ignored
        assertEquals("PAID", order(other).get("status").asString());
    }

    @Test
    void aDeclinedCardLeavesTheOrderPayable() {
        String id = place();
        assertNoFailures(saga(sagaEvent(FAILED, id, Map.of("reason", "card_declined", "retryable", true), "evt-decline-1")));
        assertEquals("PENDING_PAYMENT", order(id).get("status").asString());
        assertEquals(198, api.stock("p-espresso"));
        assertNoFailures(saga(sagaEvent(SUCCEEDED, id, Map.of("paymentId", "pi_retry"), "evt-pay-after-decline")));
        assertEquals("PAID", order(id).get("status").asString());
    }

    @Test
    void unpaidOrdersExpireOnScheduleWithStockBackAndPaidOnesStay() throws Exception {
        String unpaid = place();
        String paid = place();
        assertNoFailures(saga(sagaEvent(SUCCEEDED, paid, Map.of("paymentId", "pi_3"), "evt-pay-4")));
        assertEquals(196, api.stock("p-espresso"));
        Thread.sleep(5);
        Map<String, String> env = new LinkedHashMap<>(LocalDynamo.environment(api.table));
        env.put("ORDER_PAYMENT_TIMEOUT_MINUTES", "0");
        try (FunctionHarness sweeper = new FunctionHarness(new OrdersFunctions(Config.of(env)))) {
            String result = sweeper.invoke("expireUnpaidOrders", ScheduledEvent.class, FunctionHarness.event("ExpireUnpaidOrdersFunction/expire_scheduled.json"));
            assertEquals("expired 1", result);
            assertEquals("expired 0", sweeper.invoke("expireUnpaidOrders", ScheduledEvent.class, FunctionHarness.event("ExpireUnpaidOrdersFunction/expire_scheduled.json")));
        }
        JsonNode cancelled = only("order.cancelled");
        assertEquals(unpaid, cancelled.get("data").get("orderId").asString());
        assertEquals("expired", cancelled.get("data").get("reason").asString());
        assertEquals("corr-sample-0001", cancelled.get("correlationId").asString()); // the order's own chain
        assertEquals(198, api.stock("p-espresso"));
        assertEquals("PAID", order(paid).get("status").asString());

        // the buyer pays the expired order anyway (session still open): the money is handed back
        assertNoFailures(saga(sagaEvent(SUCCEEDED, unpaid, Map.of("paymentId", "pi_late"), "evt-pay-late")));
        JsonNode refund = only("order.refund_requested");
        assertEquals("late_payment", refund.get("data").get("reason").asString());
        assertEquals("pi_late", refund.get("data").get("paymentId").asString());
        assertEquals("CANCELLED", order(unpaid).get("status").asString());
    }

    @Test
    void cancellingAPaidOrderRequestsARefundAndTheRefundCompletesIt() {
        String id = place();
        String refundedEarly = sagaEvent(SUCCEEDED, id, Map.of("paymentId", "pi_4", "amount", 6780), "evt-refund-early")
            .replace("payment.succeeded", "payment.refunded");
        SQSBatchResponse early = saga(refundedEarly);
        assertEquals(1, early.getBatchItemFailures().size()); // refund before payment: retried later, not lost

        assertNoFailures(saga(sagaEvent(SUCCEEDED, id, Map.of("paymentId", "pi_4"), "evt-pay-5")));
        var cancel = api.call("cancelOrder", "CancelOrderFunction/cancel-order_unknown.json", "user-alice", id, null, null);
        assertEquals(200, cancel.getStatusCode(), cancel.getBody());
        assertEquals("REFUND_PENDING", OrdersApi.json(cancel).get("status").asString());
        JsonNode requested = only("order.refund_requested");
        assertEquals("pi_4", requested.get("data").get("paymentId").asString());
        assertEquals("user", requested.get("data").get("reason").asString());
        assertEquals(198, api.stock("p-espresso")); // paid goods stay sold: a refund gives money back, not stock

        assertNoFailures(saga(refundedEarly)); // the retried refund now applies
        JsonNode refunded = only("order.refunded");
        assertEquals(6780, refunded.get("data").get("amount").asLong());
        assertEquals("REFUNDED", order(id).get("status").asString());
        assertEquals(List.of("PENDING_PAYMENT", "PAID", "REFUND_PENDING", "REFUNDED"), statuses(order(id)));
    }

    private String place() {
        var r = api.call("placeOrder", PLACE, "user-alice", null, null, Map.of());
        assertEquals(201, r.getStatusCode(), r.getBody());
        return OrdersApi.json(r).get("id").asString();
    }

    private JsonNode order(String id) {
        var r = api.call("getOrder", "GetOrderFunction/get-order_unknown.json", "user-alice", id, null, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return OrdersApi.json(r);
    }

    private static List<String> statuses(JsonNode order) {
        return java.util.stream.StreamSupport.stream(order.get("history").spliterator(), false).map(h -> h.get("status").asString()).toList();
    }

    private SQSBatchResponse saga(String sqsEvent) { return api.functions.invoke("runOrderSaga", SQSEvent.class, sqsEvent); }

    private static void assertNoFailures(SQSBatchResponse r) { assertTrue(r.getBatchItemFailures().isEmpty(), "batch failures: " + r.getBatchItemFailures()); }

    private JsonNode only(String type) {
        List<JsonNode> found = api.outbox().stream().filter(e -> e.get("type").asString().equals(type)).toList();
        assertEquals(1, found.size(), type + " events: " + found);
        return found.getFirst();
    }

    /** A sample SQS delivery with this order, event id and data fields. */
    private static String sagaEvent(String sample, String orderId, Map<String, Object> data, String eventId) {
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

    /** An outbox event as the relay → EventBridge → SQS path would deliver it to the saga. */
    private static String sqsOf(JsonNode envelope) {
        ObjectNode sqs = (ObjectNode) Json.tree(FunctionHarness.event(SUCCEEDED));
        ObjectNode record = (ObjectNode) sqs.get("Records").get(0);
        ObjectNode body = (ObjectNode) Json.tree(record.get("body").asString());
        body.put("detail-type", envelope.get("type").asString()).put("source", envelope.get("source").asString()).set("detail", envelope);
        record.put("body", Json.write(body)).put("messageId", UUID.randomUUID().toString());
        return Json.write(sqs);
    }
}
