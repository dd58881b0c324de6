package dev.backplane.billing.domain;

/**
 * Port: the payment provider (Stripe in production, the devstack simulator locally). Every call carries an
 * idempotency key so a retried request never creates a second session or refund.
 */
public interface PaymentGateway {
    CheckoutSession createCheckout(CheckoutRequest request, String idempotencyKey);

    /** Refunds the whole payment; the provider confirms later through a {@code charge.refunded} webhook. */
    void refund(String paymentIntentId, String idempotencyKey, java.util.Map<String, String> metadata);

    /** Closes an open checkout session (no-op if it completed or expired meanwhile); Stripe then sends its expiry. */
    void expireCheckout(String sessionId);
}
