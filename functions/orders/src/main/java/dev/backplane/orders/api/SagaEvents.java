package dev.backplane.orders.api;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.Trace;
import dev.backplane.orders.domain.OrderSaga;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The saga's queue consumer: routes each event type to its step. Work it causes continues the event's correlation
 * chain (caused by the event). Credit-pack payments carry no orderId and are not the saga's business.
 */
public final class SagaEvents implements Consumer<EventEnvelope> {
    private static final Logger LOG = LoggerFactory.getLogger(SagaEvents.class);
    private final Supplier<OrderSaga> saga;

    public SagaEvents(Supplier<OrderSaga> saga) { this.saga = saga; }

    @Override
    public void accept(EventEnvelope event) {
        JsonNode data = event.data();
        String orderId = data.path("orderId").asString(null);
        if (orderId == null) return;
        Trace trace = Trace.causedBy(event, Actor.SYSTEM);
        switch (event.type()) {
            case "payment.succeeded" -> saga.get().paymentSucceeded(orderId, data.path("paymentId").asString(null), trace);
            case "payment.failed" -> {
                // a declined card leaves the Checkout Session open: the order stays payable until the session ends
                if (data.path("retryable").asBoolean(false)) LOG.info("order {}: payment attempt declined, still payable", orderId);
                else saga.get().paymentFailed(orderId, trace);
            }
            case "payment.refunded" -> saga.get().paymentRefunded(orderId, data.path("paymentId").asString(null), data.path("amount").asLong(0), trace);
            case "order.paid" -> saga.get().fulfil(orderId, trace);
            case "order.flag_requested" -> saga.get().flagRequested(orderId, data.path("score").asInt(0), reasons(data), trace);
            default -> LOG.info("saga ignores {}", event.type());
        }
    }

    private static java.util.List<String> reasons(JsonNode data) {
        java.util.List<String> reasons = new java.util.ArrayList<>();
        data.path("reasons").forEach(r -> reasons.add(r.asString("")));
        return reasons;
    }
}
