package dev.backplane.billing.api;

import static dev.backplane.billing.api.CheckoutApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.devstack.stripe.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /webhooks/stripe: signature checks, exactly-once effects, and the simulator's real deliveries. */
class StripeWebhookTest {
    private final BillingStack stack = new BillingStack();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() { stack.close(); }

    /** The sample's Stripe event with a fresh event id (a signature cannot be static: see docs/billing.md). */
    private static String completedEvent(String eventId) {
        ObjectNode event = (ObjectNode) Json.tree(Json.tree(FunctionHarness.event("StripeWebhookFunction/webhook_checkout-completed.json"))
            .get("body").asString());
        event.put("id", eventId).put("created", Instant.now().getEpochSecond());
        return Json.write(event);
    }

    @Test
    void forgedStaleWronglySignedOrUnsignedWebhooksAre400AndWriteNothing() {
        String payload = completedEvent("evt_forged_1");
        int before = stack.itemCount();
        long now = Instant.now().getEpochSecond();
        String forged = payload.replace("\"amount_total\":6780", "\"amount_total\":1");
        assertProblem(stack.webhook(forged, BillingStack.sign(payload)), 400, "invalid-signature");
        assertProblem(stack.webhook(payload, WebhookSignature.header(BillingStack.SECRET, payload, now - 301)), 400, "invalid-signature");
        assertProblem(stack.webhook(payload, WebhookSignature.header("whsec_not_ours", payload, now)), 400, "invalid-signature");
        assertProblem(stack.webhook(payload, null), 400, "invalid-signature");
        assertProblem(stack.webhook(payload, "t=" + now + ",v1=deadbeef"), 400, "invalid-signature");
        assertProblem(stack.webhook("not json", BillingStack.sign(payload)), 400, "invalid-signature");
        // the unmodified sample itself carries a long-expired, fake signature
        APIGatewayV2HTTPResponse sample = stack.functions.invoke("stripeWebhook",
            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class, FunctionHarness.event("StripeWebhookFunction/webhook_checkout-completed.json"));
        assertProblem(sample, 400, "invalid-signature");
        assertEquals(before, stack.itemCount());
    }

    @Test
    void aVerifiedCompletionBecomesPaymentSucceededInTheOrdersCorrelationChain() {
        stack.recordSampleCheckout();
        String payload = completedEvent("evt_ok_1");
        APIGatewayV2HTTPResponse r = stack.webhook(payload, BillingStack.sign(payload));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode event = stack.outbox("payment.succeeded").getFirst();
        assertEquals("backplane.billing", event.get("source").asString());
        assertEquals("corr-sample-0001", event.get("correlationId").asString());
        assertEquals("evt_ok_1", event.get("causationId").asString());
        assertEquals("ord_sample_pending", event.get("data").get("orderId").asString());
        assertEquals("pi_sample0001", event.get("data").get("paymentId").asString());
        assertEquals(6780, event.get("data").get("amount").asLong());
        assertEquals("EUR", event.get("data").get("currency").asString());
        // the checkout keeps the payment that paid it, for matching its refund later, and no longer expires
        var checkout = stack.item("CHECKOUT#order:ord_sample_pending", "CHECKOUT");
        assertEquals("pi_sample0001", checkout.get("paymentId").s());
        assertTrue(!checkout.containsKey("expiresAt"), "a paid checkout is kept");
        assertEquals(0, stack.metrics.times(BillingMetrics.WEBHOOK_REJECTED));
    }

    @Test
    void theSameWebhookFiveTimesAtOnceHasOneEffect() throws Exception {
        stack.recordSampleCheckout();
        String payload = completedEvent("evt_dup_1");
        String signature = BillingStack.sign(payload);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            for (int i = 0; i < 5; i++) calls.add(pool.submit(() -> {
                go.await();
                return stack.webhook(payload, signature);
            }));
            go.countDown();
        }
        int duplicates = 0;
        for (var call : calls) {
            assertEquals(200, call.get().getStatusCode(), call.get().getBody());
            if (BillingStack.json(call.get()).get("duplicate").asBoolean()) duplicates++;
        }
        assertEquals(4, duplicates);
        assertEquals(1, stack.outbox("payment.succeeded").size());
    }

    @Test
    void eventsWeDoNotActOnAreAcknowledgedWithoutWrites() {
        String payload = "{\"id\":\"evt_other\",\"object\":\"event\",\"type\":\"customer.created\",\"created\":" + Instant.now().getEpochSecond()
            + ",\"data\":{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}}";
        int before = stack.itemCount();
        APIGatewayV2HTTPResponse r = stack.webhook(payload, BillingStack.sign(payload));
        assertEquals(200, r.getStatusCode());
        assertTrue(BillingStack.json(r).get("ignored").asBoolean());
        assertEquals(before, stack.itemCount());
    }

    @Test
    void paymentsDeclinesAndExpiriesInTheSimulatorArriveAsDomainEventsOnce() throws Exception {
        stack.putOrder("ord_w1", "user-alice", "PENDING_PAYMENT");
        stack.putOrder("ord_w2", "user-alice", "PENDING_PAYMENT");
        String paidSession = checkout("ord_w1");
        String expiringSession = checkout("ord_w2");

        assertEquals(402, post(stack.stripe.apiBase() + "/checkout/" + paidSession + "/decline").statusCode());
        JsonNode declined = stack.awaitEvent("payment.failed", e -> e.get("data").get("orderId").asString().equals("ord_w1"));
        assertEquals("generic_decline", declined.get("data").get("reason").asString());

        assertEquals(303, post(stack.stripe.apiBase() + "/checkout/" + paidSession + "/pay").statusCode());
        JsonNode paid = stack.awaitEvent("payment.succeeded", e -> e.get("data").get("orderId").asString().equals("ord_w1"));
        assertEquals("corr-order-ord_w1", paid.get("correlationId").asString());
        assertTrue(paid.get("data").get("paymentId").asString().startsWith("pi_"));

        HttpResponse<String> expire = http.send(HttpRequest.newBuilder(URI.create(stack.stripe.apiBase() + "/v1/checkout/sessions/" + expiringSession + "/expire"))
            .header("Authorization", "Bearer " + BillingStack.API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, expire.statusCode(), expire.body());
        JsonNode expired = stack.awaitEvent("payment.failed", e -> e.get("data").get("orderId").asString().equals("ord_w2"));
        assertEquals("expired", expired.get("data").get("reason").asString());

        // Stripe redelivers the completion five times at once: still one payment.succeeded
        String eventId = paid.get("causationId").asString(); // the Stripe event id caused it
        JsonNode resent = Json.tree(post(stack.stripe.apiBase() + "/_stripe/events/" + eventId + "/resend?times=5").body());
        resent.get("statuses").forEach(s -> assertEquals(200, s.asInt()));
        assertEquals(1, stack.outbox("payment.succeeded").size());
    }

    @Test
    void aRefundRequestRefundsThroughStripeOnceAndComesBackAsPaymentRefunded() throws Exception {
        stack.putOrder("ord_r1", "user-alice", "PENDING_PAYMENT");
        String session = checkout("ord_r1");
        post(stack.stripe.apiBase() + "/checkout/" + session + "/pay");
        String paymentId = stack.awaitEvent("payment.succeeded", e -> true).get("data").get("paymentId").asString();

        String request = FunctionHarness.event("OrderPaymentsFunction/sqs_order-refund-requested.json")
            .replace("ord_sample_paid", "ord_r1").replace("pi_sample0001", paymentId);
        SQSBatchResponse first = stack.functions.invoke("handleOrderPayments", SQSEvent.class, request);
        assertTrue(first.getBatchItemFailures().isEmpty());
        // a redelivered request with a new message (same event): the consumer and Stripe's idempotency key both hold
        SQSBatchResponse again = stack.functions.invoke("handleOrderPayments", SQSEvent.class, request.replace("059f36b4", "159f36b4"));
        assertTrue(again.getBatchItemFailures().isEmpty());

        // after Stripe forgot the idempotency key (24 h), a new delivery meets charge_already_refunded: done, not failed
        assertEquals(204, http.send(HttpRequest.newBuilder(URI.create(stack.stripe.apiBase() + "/_stripe/idempotency-keys")).DELETE().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode());
        SQSBatchResponse late = stack.functions.invoke("handleOrderPayments", SQSEvent.class,
            request.replace("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f", "8c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"));
        assertTrue(late.getBatchItemFailures().isEmpty());

        JsonNode refunded = stack.awaitEvent("payment.refunded", e -> true);
        assertEquals("ord_r1", refunded.get("data").get("orderId").asString());
        assertEquals(6780, refunded.get("data").get("amount").asLong());
        assertEquals("corr-order-ord_r1", refunded.get("correlationId").asString());
        Thread.sleep(300);
        assertEquals(1, stack.outbox("payment.refunded").size());
    }

    @Test
    void aCancelledOrdersOpenCheckoutIsClosedSoNobodyPaysIt() throws Exception {
        stack.putOrder("ord_c1", "user-alice", "PENDING_PAYMENT");
        String session = checkout("ord_c1");
        String cancelled = FunctionHarness.event("OrderPaymentsFunction/sqs_order-cancelled.json").replace("ord_sample_pending", "ord_c1");
        assertTrue(stack.functions.<SQSEvent, SQSBatchResponse>invoke("handleOrderPayments", SQSEvent.class, cancelled).getBatchItemFailures().isEmpty());
        assertEquals("payment.failed", stack.awaitEvent("payment.failed", e -> e.get("data").get("orderId").asString().equals("ord_c1")).get("type").asString());
        assertEquals(409, post(stack.stripe.apiBase() + "/checkout/" + session + "/pay").statusCode()); // the page no longer takes money
        // redelivered, or cancelled after the buyer paid: the session is not open, nothing to do, no failure
        assertTrue(stack.functions.<SQSEvent, SQSBatchResponse>invoke("handleOrderPayments", SQSEvent.class, cancelled.replace("259f36b4", "359f36b4")
            .replace("3c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e60", "4c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e60")).getBatchItemFailures().isEmpty());
        stack.putOrder("ord_c2", "user-alice", "PENDING_PAYMENT");
        String paid = checkout("ord_c2");
        post(stack.stripe.apiBase() + "/checkout/" + paid + "/pay");
        assertTrue(stack.functions.<SQSEvent, SQSBatchResponse>invoke("handleOrderPayments", SQSEvent.class, cancelled.replace("ord_c1", "ord_c2")
            .replace("3c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e60", "5c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e60")).getBatchItemFailures().isEmpty());
    }

    private String checkout(String orderId) {
        APIGatewayV2HTTPResponse r = stack.call("checkoutOrder", "CheckoutOrderFunction/checkout-order_pending.json", null, orderId, null, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return BillingStack.json(r).get("sessionId").asString();
    }

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
