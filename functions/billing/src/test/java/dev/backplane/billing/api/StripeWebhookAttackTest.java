package dev.backplane.billing.api;

import static dev.backplane.billing.api.CheckoutApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.devstack.stripe.WebhookSignature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Correctly signed webhooks that lie (a leaked secret, test events against live): a completion paid a 690 EUR order
 * with 1 cent USD of another user's unknown session; {@code metadata.credits} bought a million credits; wrong field
 * types crashed the handler; future-dated signatures passed. Each is now refused and changes nothing.
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
        APIGatewayV2HTTPResponse r = stack.webhook(payload, BillingStack.sign(payload));
        assertEquals(200, r.getStatusCode(), why + ": " + r.getBody());
        assertTrue(BillingStack.json(r).get("rejected").asBoolean(), why + ": " + r.getBody());
        assertEquals(before + 1, stack.itemCount(), why + ": only the rejection record is written");
        assertTrue(stack.outbox().isEmpty(), why + ": no event leaves billing");
        String id = Json.tree(payload).get("id").asString();
        var record = LocalDynamo.client().getItem(b -> b.tableName(stack.table).key(Items.key("STRIPE_EVENT#" + id, "STRIPE_EVENT"))).item();
        assertEquals("rejected", record.get("outcome").s(), why);
        assertTrue(!record.get("reason").s().isBlank(), why);
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

    /** A refund for a payment Stripe does not know was retried until it dead-lettered. */
    @Test
    void aRefundForAnUnknownPaymentIsAcknowledgedInsteadOfRetried() {
        String request = FunctionHarness.event("OrderPaymentsFunction/sqs_order-refund-requested.json").replace("pi_sample0001", "pi_never_existed");
        com.amazonaws.services.lambda.runtime.events.SQSBatchResponse response = stack.functions.invoke("handleOrderPayments",
            com.amazonaws.services.lambda.runtime.events.SQSEvent.class, request);
        assertTrue(response.getBatchItemFailures().isEmpty(), "a permanent refusal is not retried");
    }
}
