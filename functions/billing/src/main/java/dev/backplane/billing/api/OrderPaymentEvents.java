package dev.backplane.billing.api;

import dev.backplane.billing.domain.OrderPayments;
import dev.backplane.billing.domain.PaymentRefused;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.observability.Observability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Consumer of the order events billing acts on ({@code order.refund_requested}, {@code order.cancelled}). A failure
 * goes back to the queue and is retried with the same Stripe idempotency key, so nothing happens twice. A refund
 * the provider refuses for good (an unknown payment) is not retried: it is logged as an error and counted in
 * {@code billing.refund.refused}, which the template alarms on, and the message is acknowledged.
 */
public final class OrderPaymentEvents implements Consumer<EventEnvelope> {
    private static final Logger LOG = LoggerFactory.getLogger(OrderPaymentEvents.class);
    public static final String REFUND_REFUSED_METRIC = "billing.refund.refused";
    private final Supplier<OrderPayments> payments;

    public OrderPaymentEvents(Supplier<OrderPayments> payments) { this.payments = payments; }

    @Override
    public void accept(EventEnvelope event) {
        String orderId = event.data().path("orderId").asString();
        switch (event.type()) {
            case "order.refund_requested" -> {
                try {
                    payments.get().refund(orderId, event.data().path("paymentId").asString(null), event.correlationId());
                } catch (PaymentRefused e) {
                    LOG.error("refund for order {} (event {}) refused by the provider for good: {}", orderId, event.id(), e.getMessage());
                    Observability.count(REFUND_REFUSED_METRIC, 1);
                }
            }
            case "order.cancelled" -> payments.get().closeCheckout(orderId);
            default -> { } // the rule routes only these two; anything else is not ours
        }
    }
}
