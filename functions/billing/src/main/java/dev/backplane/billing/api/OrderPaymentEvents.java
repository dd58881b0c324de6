package dev.backplane.billing.api;

import dev.backplane.billing.domain.OrderPayments;
import dev.backplane.core.event.EventEnvelope;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Consumer of the order events billing acts on ({@code order.refund_requested}, {@code order.cancelled}). A failure
 * goes back to the queue and is retried with the same Stripe idempotency key, so nothing happens twice.
 */
public final class OrderPaymentEvents implements Consumer<EventEnvelope> {
    private final Supplier<OrderPayments> payments;

    public OrderPaymentEvents(Supplier<OrderPayments> payments) { this.payments = payments; }

    @Override
    public void accept(EventEnvelope event) {
        String orderId = event.data().path("orderId").asString();
        switch (event.type()) {
            case "order.refund_requested" -> payments.get().refund(orderId, event.data().path("paymentId").asString(null), event.correlationId());
            case "order.cancelled" -> payments.get().closeCheckout(orderId);
            default -> { } // the rule routes only these two; anything else is not ours
        }
    }
}
