package dev.backplane.billing.api;

import static dev.backplane.billing.api.CheckoutApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.devstack.stripe.WebhookSignature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Correctly signed webhooks that lie (a leaked secret, test events against live): a completion paid a 690 EUR order
 * with 1 cent USD of another user's unknown session; {@code metadata.credits} bought a million credits; wrong field
 * types crashed the handler; future-dated signatures passed; a forged expiry, decline or refund of any session or
 * payment moved the order it named; a signed payload without id, type or {@code data.object} was answered 400, which
 * Stripe retries for days. Each is now acknowledged, recorded as rejected, counted in the rejected-webhook metric the
 * template alarms on, and changes nothing.
 */
class StripeWebhookAttackTest {
    private final BillingStack stack = new BillingStack();

    @AfterEach
    void close() { stack.close(); }

    private static String sample(String eventId, Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) Json.tree(Json.tree(FunctionHarness.event("StripeWebhookFunction/webhook_checkout-completed.json"))
            .get("body").asString());
        event.put("id", eventId).put("created", Instant.now().getEpochSecond());
        change.accept(event);
        return Json.write(event);
    }

    private static ObjectNode session(ObjectNode event) { return (ObjectNode) event.get("data").get("object"); }

    private void assertRejectedWithoutEffect(String payload, String why) {
        int before = stack.itemCount();
        long alarmed = stack.metrics.times(BillingMetrics.WEBHOOK_REJECTED);
        Set<String> recorded = stripeEventKeys();
        APIGatewayV2HTTPResponse r = stack.webhook(payload, BillingStack.sign(payload));
        assertEquals(200, r.getStatusCode(), why + ": " + r.getBody());
        assertTrue(BillingStack.json(r).get("rejected").asBoolean(), why + ": " + r.getBody());
        assertEquals(before + 1, stack.itemCount(), why + ": only the rejection record is written");
        assertTrue(stack.outbox().isEmpty(), why + ": no event leaves billing");
        assertEquals(alarmed + 1, stack.metrics.times(BillingMetrics.WEBHOOK_REJECTED), why + ": counted in the alarmed metric");
        Set<String> added = stripeEventKeys();
        added.removeAll(recorded);
        assertEquals(1, added.size(), why);
        var record = stack.item(added.iterator().next(), "STRIPE_EVENT");
        assertEquals("rejected", record.get("outcome").s(), why);
        assertTrue(!record.get("reason").s().isBlank(), why);
    }

    private Set<String> stripeEventKeys() {
        Set<String> keys = new TreeSet<>();
        LocalDynamo.client().scan(b -> b.tableName(stack.table).consistentRead(true)).items().stream()
            .map(i -> i.get("pk").s()).filter(pk -> pk.startsWith("STRIPE_EVENT#")).forEach(keys::add);
        return keys;
    }

    /** A test-mode Stripe event of {@code type} about {@code object}, created now, then changed by {@code lie}. */
    private static String stripeEvent(String eventId, String type, ObjectNode object, Consumer<ObjectNode> lie) {
        ObjectNode event = Json.object().put("id", eventId).put("object", "event").put("type", type).put("livemode", false)
            .put("created", Instant.now().getEpochSecond());
        event.putObject("data").set("object", object.deepCopy());
        lie.accept(event);
        return Json.write(event);
    }

    private static ObjectNode object(ObjectNode event) { return (ObjectNode) event.get("data").get("object"); }

    private static ObjectNode metadata(ObjectNode event) { return (ObjectNode) object(event).get("metadata"); }

    /** Stripe's metadata on the sample order's session and payment (CheckoutService writes it). */
    private static ObjectNode withSampleMetadata(ObjectNode object) {
        object.putObject("metadata").put("orderId", "ord_sample_pending").put("userId", "user-alice").put("correlationId", "corr-sample-0001");
        return object;
    }

    private static ObjectNode expiredSession() {
        ObjectNode session = Json.object().put("id", "cs_test_sample0001").put("object", "checkout.session").put("status", "expired")
            .put("payment_status", "unpaid").put("amount_total", 6780).put("currency", "eur").put("livemode", false)
            .put("client_reference_id", "order:ord_sample_pending");
        session.putNull("payment_intent");
        return withSampleMetadata(session);
    }

    private static ObjectNode declinedPayment() {
        ObjectNode intent = Json.object().put("id", "pi_declined0001").put("object", "payment_intent").put("amount", 6780)
            .put("currency", "eur").put("status", "requires_payment_method");
        intent.putObject("last_payment_error").put("type", "card_error").put("code", "card_declined").put("decline_code", "generic_decline");
        return withSampleMetadata(intent);
    }

    private static ObjectNode refundedCharge() {
        return withSampleMetadata(Json.object().put("id", "ch_sample0001").put("object", "charge").put("payment_intent", "pi_sample0001")
            .put("amount", 6780).put("amount_refunded", 6780).put("currency", "eur").put("refunded", true));
    }

    private void assertEveryLieRejected(String type, ObjectNode honest, Map<String, Consumer<ObjectNode>> lies) {
        int n = 0;
        for (var lie : lies.entrySet()) {
            assertRejectedWithoutEffect(stripeEvent("evt_" + type.replace('.', '_') + "_lie_" + n++, type, honest, lie.getValue()), type + ": " + lie.getKey());
        }
    }

    /** The honest event is honoured (so the lies above were refused for their lie): it emits {@code emitted}. */
    private JsonNode assertHonoured(String type, ObjectNode honest, String emitted) {
        long alarmed = stack.metrics.times(BillingMetrics.WEBHOOK_REJECTED);
        String payload = stripeEvent("evt_" + type.replace('.', '_') + "_honest", type, honest, e -> { });
        APIGatewayV2HTTPResponse r = stack.webhook(payload, BillingStack.sign(payload));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertTrue(!BillingStack.json(r).get("rejected").asBoolean(), r.getBody());
        assertEquals(alarmed, stack.metrics.times(BillingMetrics.WEBHOOK_REJECTED), "an honoured event is not alarmed");
        assertEquals(1, stack.outbox(emitted).size(), type);
        return stack.outbox(emitted).getFirst();
    }

    private static Map<String, Consumer<ObjectNode>> liesOfEveryEvent() {
        Map<String, Consumer<ObjectNode>> lies = new LinkedHashMap<>();
        lies.put("wrong currency", e -> object(e).put("currency", "usd"));
        lies.put("live event in test mode", e -> e.put("livemode", true));
        lies.put("live object in a test event", e -> object(e).put("livemode", true));
        lies.put("no livemode", e -> e.remove("livemode"));
        lies.put("another user's id", e -> metadata(e).put("userId", "user-bob"));
        lies.put("order never checked out", e -> {
            metadata(e).put("orderId", "ord_other");
            if (object(e).has("client_reference_id")) object(e).put("client_reference_id", "order:ord_other");
        });
        return lies;
    }

    @Test
    void aSignedCompletionThatDoesNotMatchTheRecordedCheckoutPaysNothing() {
        stack.recordSampleCheckout();
        Map<String, Consumer<ObjectNode>> lies = new LinkedHashMap<>();
        lies.put("1 cent", e -> session(e).put("amount_total", 1));
        lies.put("USD", e -> session(e).put("currency", "usd"));
        lies.put("unknown session", e -> session(e).put("id", "cs_test_forged"));
        lies.put("another user's id", e -> ((ObjectNode) session(e).get("metadata")).put("userId", "user-bob"));
        lies.put("live event in test mode", e -> e.put("livemode", true));
        lies.put("order never checked out", e -> {
            session(e).put("client_reference_id", "order:ord_other");
            ((ObjectNode) session(e).get("metadata")).put("orderId", "ord_other");
        });
        lies.put("all at once", e -> {
            session(e).put("amount_total", 1).put("currency", "usd").put("id", "cs_unknown");
            ((ObjectNode) session(e).get("metadata")).put("userId", "user-bob");
        });
        int n = 0;
        for (var lie : lies.entrySet()) assertRejectedWithoutEffect(sample("evt_lie_" + n++, lie.getValue()), lie.getKey());
        // the same rejected event again: a duplicate, nothing more written
        String again = sample("evt_lie_0", lies.get("1 cent"));
        int before = stack.itemCount();
        assertTrue(BillingStack.json(stack.webhook(again, BillingStack.sign(again))).get("duplicate").asBoolean());
        assertEquals(before, stack.itemCount());
    }

    @Test
    void creditsComeFromTheRecordedPackNeverFromMetadata() {
        LocalDynamo.client().putItem(b -> b.tableName(stack.table).item(Items.map().put("pk", "CHECKOUT#credits:user-alice:p1").put("sk", "CHECKOUT")
            .put("sessionId", "cs_pack_1").put("url", "https://pay/cs_pack_1").put("sessionExpiresAt", Instant.now().plusSeconds(1800).toString())
            .put("userId", "user-alice").put("amount", 500).put("currency", "EUR").put("packId", "pack-100").put("credits", 100).build()));
        Consumer<ObjectNode> pack = e -> {
            session(e).put("id", "cs_pack_1").put("client_reference_id", "credits:user-alice:p1").put("amount_total", 500);
            ObjectNode metadata = session(e).putObject("metadata");
            metadata.put("packId", "pack-100").put("userId", "user-alice").put("credits", "1000000");
        };
        assertRejectedWithoutEffect(sample("evt_pack_cheap", pack.andThen(e -> session(e).put("amount_total", 1))), "1 cent for a pack");
        assertRejectedWithoutEffect(sample("evt_pack_neg", pack.andThen(e -> ((ObjectNode) session(e).get("metadata")).put("packId", "pack-2000"))), "other pack");
        String honest = sample("evt_pack_ok", pack);
        assertEquals(200, stack.webhook(honest, BillingStack.sign(honest)).getStatusCode());
        JsonNode purchased = stack.outbox("credits.purchased").getFirst();
        assertEquals(100, purchased.get("data").get("amount").asLong());
        assertEquals(100, purchased.get("data").get("balance").asLong());
    }

    @Test
    void signedEventsWithFieldsOfTheWrongTypeAreAcknowledgedAndRejectedNever500() {
        stack.recordSampleCheckout();
        Map<String, Consumer<ObjectNode>> shapes = new LinkedHashMap<>();
        shapes.put("object as orderId", e -> ((ObjectNode) session(e).get("metadata")).putObject("orderId").put("x", 1));
        shapes.put("string amount", e -> session(e).put("amount_total", "6780"));
        shapes.put("fractional amount", e -> session(e).put("amount_total", 67.8));
        shapes.put("array session id", e -> session(e).putArray("id").add(1));
        shapes.put("metadata a string", e -> session(e).put("metadata", "ord_sample_pending"));
        shapes.put("numeric client reference", e -> session(e).put("client_reference_id", 42));
        int n = 0;
        for (var shape : shapes.entrySet()) assertRejectedWithoutEffect(sample("evt_type_" + n++, shape.getValue()), shape.getKey());
        String refund = "{\"id\":\"evt_refund_types\",\"object\":\"event\",\"type\":\"charge.refunded\",\"livemode\":false,\"created\":"
            + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"ch_1\",\"amount_refunded\":\"all\",\"metadata\":{\"orderId\":\"ord_1\"}}}}";
        assertRejectedWithoutEffect(refund, "non-numeric refund amount");
    }

    @Test
    void signaturesDatedOutsideFiveMinutesEitherWayAre400() {
        stack.recordSampleCheckout();
        String payload = sample("evt_time", e -> { });
        long now = Instant.now().getEpochSecond();
        int before = stack.itemCount();
        for (long offset : new long[] {330, 600, 365L * 24 * 3600, -330, -3600}) {
            assertProblem(stack.webhook(payload, WebhookSignature.header(BillingStack.SECRET, payload, now + offset)), 400, "invalid-signature");
        }
        // a header carrying a fresh and a future timestamp is refused too
        String mixed = WebhookSignature.header(BillingStack.SECRET, payload, now) + ",t=" + (now + 3600);
        assertProblem(stack.webhook(payload, mixed), 400, "invalid-signature");
        assertEquals(before, stack.itemCount());
        assertEquals(200, stack.webhook(payload, WebhookSignature.header(BillingStack.SECRET, payload, now + 200)).getStatusCode());
    }

    /** A forged expiry of any session cancelled the order it named. */
    @Test
    void aSignedExpiryThatDoesNotMatchTheRecordedCheckoutCancelsNothing() {
        stack.recordSampleCheckout();
        Map<String, Consumer<ObjectNode>> lies = liesOfEveryEvent();
        lies.put("foreign session id", e -> object(e).put("id", "cs_test_foreign"));
        lies.put("wrong amount", e -> object(e).put("amount_total", 1));
        lies.put("another order in metadata", e -> metadata(e).put("orderId", "ord_other"));
        assertEveryLieRejected("checkout.session.expired", expiredSession(), lies);
        assertEveryLieRejected("checkout.session.async_payment_failed", expiredSession(), Map.of("foreign session id", e -> object(e).put("id", "cs_test_foreign")));
        stack.recordSampleCheckout("pi_sample0001");
        assertRejectedWithoutEffect(stripeEvent("evt_expired_paid", "checkout.session.expired", expiredSession(), e -> { }), "a paid checkout cannot expire");

        stack.recordSampleCheckout();
        JsonNode failed = assertHonoured("checkout.session.expired", expiredSession(), "payment.failed");
        assertEquals("ord_sample_pending", failed.get("data").get("orderId").asString());
        assertEquals("expired", failed.get("data").get("reason").asString());
    }

    /** A forged decline of any payment reported a failed payment on the order it named. */
    @Test
    void aSignedDeclineThatDoesNotMatchTheRecordedCheckoutChangesNothing() {
        stack.recordSampleCheckout();
        Map<String, Consumer<ObjectNode>> lies = liesOfEveryEvent();
        lies.put("wrong amount", e -> object(e).put("amount", 1));
        lies.put("a credit pack's payment without its checkout reference", e -> {
            metadata(e).remove("orderId");
            metadata(e).put("packId", "pack-100");
        });
        assertEveryLieRejected("payment_intent.payment_failed", declinedPayment(), lies);
        stack.recordSampleCheckout("pi_sample0001");
        assertRejectedWithoutEffect(stripeEvent("evt_declined_unknown", "payment_intent.payment_failed", declinedPayment(), e -> { }),
            "unknown payment: the order was paid by another one");

        stack.recordSampleCheckout();
        JsonNode failed = assertHonoured("payment_intent.payment_failed", declinedPayment(), "payment.failed");
        assertEquals("generic_decline", failed.get("data").get("reason").asString());
        assertTrue(failed.get("data").get("retryable").asBoolean());
    }

    /** A forged refund of any payment marked the order it named refunded. */
    @Test
    void aSignedRefundThatDoesNotMatchTheRecordedPaymentRefundsNothing() {
        stack.recordSampleCheckout("pi_sample0001");
        Map<String, Consumer<ObjectNode>> lies = liesOfEveryEvent();
        lies.put("unknown payment", e -> object(e).put("payment_intent", "pi_forged"));
        lies.put("no payment", e -> object(e).remove("payment_intent"));
        lies.put("wrong amount", e -> object(e).put("amount", 1).put("amount_refunded", 1));
        lies.put("more refunded than paid", e -> object(e).put("amount_refunded", 678000));
        lies.put("nothing refunded", e -> object(e).put("amount_refunded", 0));
        assertEveryLieRejected("charge.refunded", refundedCharge(), lies);
        stack.recordSampleCheckout();
        assertRejectedWithoutEffect(stripeEvent("evt_refund_unpaid", "charge.refunded", refundedCharge(), e -> { }), "the order was never paid");

        stack.recordSampleCheckout("pi_sample0001");
        JsonNode refunded = assertHonoured("charge.refunded", refundedCharge(), "payment.refunded");
        assertEquals("pi_sample0001", refunded.get("data").get("paymentId").asString());
        assertEquals(6780, refunded.get("data").get("amount").asLong());
        assertEquals("EUR", refunded.get("data").get("currency").asString());
    }

    /** A correctly signed payload that is no usable event was answered 400, which Stripe retries for three days. */
    @Test
    void signedPayloadsWithABrokenEnvelopeAreAcknowledgedAndRejectedNever400() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("no id", "{\"object\":\"event\",\"type\":\"checkout.session.completed\",\"livemode\":false,\"created\":" + now
            + ",\"data\":{\"object\":{\"id\":\"cs_test_sample0001\",\"payment_status\":\"paid\"}}}");
        broken.put("no type", "{\"id\":\"evt_no_type\",\"object\":\"event\",\"livemode\":false,\"data\":{\"object\":{\"id\":\"ch_1\"}}}");
        broken.put("no data.object", "{\"id\":\"evt_no_object\",\"object\":\"event\",\"type\":\"charge.refunded\",\"data\":{}}");
        broken.put("no data", "{\"id\":\"evt_no_data\",\"object\":\"event\",\"type\":\"charge.refunded\"}");
        broken.put("data.object a string", "{\"id\":\"evt_object_string\",\"type\":\"charge.refunded\",\"data\":{\"object\":\"ch_1\"}}");
        broken.put("numeric id", "{\"id\":42,\"type\":\"charge.refunded\",\"data\":{\"object\":{\"id\":\"ch_1\"}}}");
        broken.put("id that is not Stripe's", "{\"id\":\"evt/../x\",\"type\":\"charge.refunded\",\"data\":{\"object\":{\"id\":\"ch_1\"}}}");
        broken.put("type an object", "{\"id\":\"evt_type_object\",\"type\":{\"x\":1},\"data\":{\"object\":{\"id\":\"ch_1\"}}}");
        broken.put("not JSON", "not json");
        broken.put("a JSON array", "[1,2,3]");
        broken.put("empty", "");
        broken.forEach((why, payload) -> assertRejectedWithoutEffect(payload, why));

        // delivered again (signed afresh, as Stripe does on every retry): a duplicate, not recorded or alarmed twice
        int before = stack.itemCount();
        long alarmed = stack.metrics.times(BillingMetrics.WEBHOOK_REJECTED);
        for (String payload : List.of(broken.get("no id"), broken.get("not JSON"), broken.get("no data.object"))) {
            APIGatewayV2HTTPResponse again = stack.webhook(payload, BillingStack.sign(payload));
            assertEquals(200, again.getStatusCode(), again.getBody());
            assertTrue(BillingStack.json(again).get("duplicate").asBoolean(), payload);
        }
        assertEquals(before, stack.itemCount());
        assertEquals(alarmed, stack.metrics.times(BillingMetrics.WEBHOOK_REJECTED));
        // the signature still comes first: a broken payload signed with another secret is a 400
        assertProblem(stack.webhook("not json", WebhookSignature.header("whsec_not_ours", "not json", now)), 400, "invalid-signature");
    }

    /** A refund for a payment Stripe does not know was retried until it dead-lettered, then only logged. */
    @Test
    void aRefundStripeRefusesForGoodIsRecordedPublishedAndAlarmedOnceInsteadOfRetried() {
        String request = FunctionHarness.event("OrderPaymentsFunction/sqs_order-refund-requested.json").replace("pi_sample0001", "pi_never_existed");
        SQSBatchResponse response = stack.functions.invoke("handleOrderPayments", SQSEvent.class, request);
        assertTrue(response.getBatchItemFailures().isEmpty(), "a permanent refusal is not retried");

        List<JsonNode> refused = stack.outbox("payment.refund_refused");
        assertEquals(1, refused.size());
        JsonNode event = refused.getFirst();
        assertEquals("backplane.billing", event.get("source").asString());
        assertEquals("corr-sample-0001", event.get("correlationId").asString());
        assertEquals("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f", event.get("causationId").asString(), "caused by the refund request");
        assertEquals("ord_sample_paid", event.get("data").get("orderId").asString());
        assertEquals("pi_never_existed", event.get("data").get("paymentId").asString());
        assertEquals("resource_missing", event.get("data").get("reason").asString());
        var record = stack.item("REFUND_REFUSED#ord_sample_paid", "PAYMENT#pi_never_existed");
        assertEquals("resource_missing", record.get("code").s());
        assertEquals("pi_never_existed", record.get("paymentId").s());
        assertTrue(Instant.parse(record.get("refusedAt").s()).isAfter(Instant.now().minusSeconds(60)));
        assertEquals(1, stack.metrics.times(BillingMetrics.REFUND_REFUSED));

        // the saga asks again (a new event): acknowledged, and neither recorded, published nor alarmed twice
        SQSBatchResponse again = stack.functions.invoke("handleOrderPayments", SQSEvent.class, request.replace("059f36b4", "159f36b4")
            .replace("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f", "8c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"));
        assertTrue(again.getBatchItemFailures().isEmpty());
        assertEquals(1, stack.outbox("payment.refund_refused").size());
        assertEquals(1, stack.metrics.times(BillingMetrics.REFUND_REFUSED));
    }
}
