package dev.backplane.billing.domain;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What billing does when an order changes (orders decides, billing talks to Stripe):
 * {@code order.refund_requested} → refund the payment; {@code order.cancelled} → close the order's open checkout,
 * so nobody pays an order that no longer exists (refund fees are not given back). Provider calls are keyed, so a
 * redelivered event acts once; Stripe confirms with {@code charge.refunded} / {@code checkout.session.expired}.
 */
public final class OrderPayments {
    private final PaymentGateway gateway;
    private final CheckoutStore checkouts;
    private final Clock clock;

    public OrderPayments(PaymentGateway gateway, CheckoutStore checkouts, Clock clock) {
        this.gateway = gateway;
        this.checkouts = checkouts;
        this.clock = clock;
    }

    public void refund(String orderId, String paymentId, String correlationId) {
        if (paymentId == null || paymentId.isBlank()) {
            throw new IllegalArgumentException("order " + orderId + " asks for a refund without a payment id");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("orderId", orderId);
        metadata.put("correlationId", correlationId);
        gateway.refund(paymentId, "refund:" + orderId + ":" + paymentId, metadata);
    }

    /** Expires the order's checkout session if one is still open; nothing to do otherwise. */
    public void closeCheckout(String orderId) {
        checkouts.find(Purchase.order(orderId, null).reference()).filter(s -> s.expiresAt().isAfter(clock.instant()))
            .ifPresent(session -> gateway.expireCheckout(session.id()));
    }
}
