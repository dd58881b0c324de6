package dev.backplane.billing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import org.junit.jupiter.api.Test;

/**
 * The events/ samples of billing's events must be what billing emits: their data deserializes strictly (unknown
 * fields fail) into the records BillingEvents publishes, so consumers' fixtures cannot drift from the producer.
 */
class SampleEventsTest {
    private static EventEnvelope envelope(String sample) {
        String body = Json.tree(FunctionHarness.event(sample)).get("Records").get(0).get("body").asString();
        return EventConsumer.envelopeOf(body);
    }

    @Test
    void paymentSamplesMatchTheEmittedSchemas() {
        EventEnvelope succeeded = envelope("OrderSagaFunction/sqs_payment-succeeded.json");
        assertEquals("payment.succeeded", succeeded.type());
        assertEquals(BillingEvents.SOURCE, succeeded.source());
        assertEquals("pi_sample0001", succeeded.dataAs(BillingEvents.PaymentSucceeded.class).paymentId());

        EventEnvelope failed = envelope("OrderSagaFunction/sqs_payment-failed.json");
        assertEquals("payment.failed", failed.type());
        assertEquals("expired", failed.dataAs(BillingEvents.PaymentFailed.class).reason());
    }

    @Test
    void theRefundRefusedSampleIsWhatBillingPublishes() {
        EventEnvelope refused = envelope("RecordEventFunction/sqs_payment-refund-refused.json");
        var data = refused.dataAs(BillingEvents.RefundRefused.class);
        var published = BillingEvents.refundRefused(data);
        assertEquals(published.type(), refused.type());
        assertEquals(published.subject(), refused.subject());
        assertEquals(BillingEvents.SOURCE, refused.source());
        assertEquals(Json.toTree(data), refused.data(), "the sample's data holds exactly the published fields");
        assertEquals("resource_missing", data.reason());
    }

    @Test
    void theWebhookSampleIsAStripeEventTheTranslationActsOn() {
        var stripe = Json.tree(Json.tree(FunctionHarness.event("StripeWebhookFunction/webhook_checkout-completed.json")).get("body").asString());
        var notice = new StripeNotice(stripe.get("id").asString(), stripe.get("type").asString(), java.time.Instant.EPOCH, stripe.get("data").get("object"),
            stripe.get("livemode").asBoolean());
        var recorded = new ExpectedPayment("cs_test_sample0001", "ord_sample_pending", null, "user-alice", 6780, "EUR", 0);
        WebhookOutcome outcome = StripeTranslation.translate(notice, reference -> java.util.Optional.of(recorded).filter(r -> reference.equals("order:ord_sample_pending")), false);
        assertEquals("payment.succeeded", outcome.events().getFirst().type());
        assertEquals("corr-sample-0001", outcome.correlationId());
    }
}
