package dev.backplane.billing.api;

import dev.backplane.billing.domain.RefundService;
import dev.backplane.core.event.EventEnvelope;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Consumer of {@code order.refund_requested} (orders asks, billing talks to Stripe): a failure goes back to the queue
 * and is retried with the same Stripe idempotency key, so a refund is never issued twice.
 */
public final class RefundRequests implements Consumer<EventEnvelope> {
    public static final String TYPE = "order.refund_requested";
    private final Supplier<RefundService> refunds;

    public RefundRequests(Supplier<RefundService> refunds) { this.refunds = refunds; }

    @Override
    public void accept(EventEnvelope event) {
        if (!TYPE.equals(event.type())) return; // the rule only routes this type; anything else is not ours
        refunds.get().refund(event.data().path("orderId").asString(), event.data().path("paymentId").asString(null), event.correlationId());
    }
}
