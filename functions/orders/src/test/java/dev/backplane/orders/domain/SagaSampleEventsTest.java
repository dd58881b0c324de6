package dev.backplane.orders.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import org.junit.jupiter.api.Test;

/** The order event samples billing's OrderPaymentsFunction is tested with must be what orders emits (strict schema). */
class SagaSampleEventsTest {
    @Test
    void refundRequestSampleMatchesOrderEvents() {
        String body = Json.tree(FunctionHarness.event("OrderPaymentsFunction/sqs_order-refund-requested.json")).get("Records").get(0).get("body").asString();
        EventEnvelope event = EventConsumer.envelopeOf(body);
        assertEquals("order.refund_requested", event.type());
        assertEquals(OrderEvents.SOURCE, event.source());
        OrderEvents.RefundRequested data = event.dataAs(OrderEvents.RefundRequested.class);
        assertEquals("pi_sample0001", data.paymentId());
        assertEquals("user", data.reason());

        String cancelled = Json.tree(FunctionHarness.event("OrderPaymentsFunction/sqs_order-cancelled.json")).get("Records").get(0).get("body").asString();
        assertEquals("expired", EventConsumer.envelopeOf(cancelled).dataAs(OrderEvents.Cancelled.class).reason());
    }
}
