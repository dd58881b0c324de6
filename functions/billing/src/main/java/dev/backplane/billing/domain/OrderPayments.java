package dev.backplane.billing.domain;

import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What billing does when an order changes (orders decides, billing talks to Stripe):
 * {@code order.refund_requested} → refund the payment; {@code order.cancelled} → close the order's open checkout,
 * so nobody pays an order that no longer exists (refund fees are not given back). Provider calls are keyed, so a
 * redelivered event acts once; Stripe confirms with {@code charge.refunded} / {@code checkout.session.expired}.
 * A refund the provider refuses for good is recorded with a {@code payment.refund_refused} event instead of retried.
 */
public final class OrderPayments {
    /** How a refund request ended: asked of the provider, refused for good (recorded now), or a refusal recorded before. */
    public enum Refund { REQUESTED, REFUSED, REFUSED_BEFORE }

    private final PaymentGateway gateway;
    private final CheckoutStore checkouts;
    private final RefusedRefunds refusals;
    private final Clock clock;

    public OrderPayments(PaymentGateway gateway, CheckoutStore checkouts, RefusedRefunds refusals, Clock clock) {
        this.gateway = gateway;
        this.checkouts = checkouts;
        this.refusals = refusals;
        this.clock = clock;
    }

    public Refund refund(String orderId, String paymentId, Trace trace) {
        if (paymentId == null || paymentId.isBlank()) {
            throw new IllegalArgumentException("order " + orderId + " asks for a refund without a payment id");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("orderId", orderId);
        metadata.put("correlationId", trace.correlationId());
        try {
            gateway.refund(paymentId, "refund:" + orderId + ":" + paymentId, metadata);
            return Refund.REQUESTED;
        } catch (PaymentRefused e) {
            return refusals.record(orderId, paymentId, e.code(), trace) ? Refund.REFUSED : Refund.REFUSED_BEFORE;
        }
    }

    /** Expires the order's checkout session if one is still open; nothing to do otherwise. */
    public void closeCheckout(String orderId) {
        checkouts.find(Purchase.order(orderId, null).reference()).filter(s -> s.expiresAt().isAfter(clock.instant()))
            .ifPresent(session -> gateway.expireCheckout(session.id()));
    }
}
