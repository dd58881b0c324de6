package dev.backplane.billing.api;

import dev.backplane.billing.domain.OrderPayments;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.Trace;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of the order events billing acts on ({@code order.refund_requested}, {@code order.cancelled}). A failure
 * goes back to the queue and is retried with the same Stripe idempotency key, so nothing happens twice. A refund
 * the provider refuses for good (an unknown payment) is not retried: it is recorded with a
 * {@code payment.refund_refused} event, counted in {@code billing.refund.refused} (which the template alarms on),
 * and the message is acknowledged.
 */
public final class OrderPaymentEvents implements Consumer<EventEnvelope> {
    private static final Logger LOG = LoggerFactory.getLogger(OrderPaymentEvents.class);
    private final Supplier<OrderPayments> payments;
    private final BillingMetrics metrics;

    public OrderPaymentEvents(Supplier<OrderPayments> payments, BillingMetrics metrics) {
        this.payments = payments;
        this.metrics = metrics;
    }

    @Override
    public void accept(EventEnvelope event) {
        String orderId = event.data().path("orderId").asString();
        switch (event.type()) {
            case "order.refund_requested" -> {
                switch (payments.get().refund(orderId, event.data().path("paymentId").asString(null), Trace.causedBy(event, Actor.SYSTEM))) {
                    case REFUSED -> {
                        LOG.error("refund for order {} (event {}) refused by the provider for good; recorded as payment.refund_refused", orderId, event.id());
                        metrics.count(BillingMetrics.REFUND_REFUSED);
                    }
                    case REFUSED_BEFORE -> LOG.warn("refund for order {} (event {}) was refused before; nothing more to record", orderId, event.id());
                    case REQUESTED -> { }
                }
            }
            case "order.cancelled" -> payments.get().closeCheckout(orderId);
            default -> { } // the rule routes only these two; anything else is not ours
        }
    }
}
