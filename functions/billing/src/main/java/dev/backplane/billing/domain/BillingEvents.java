package dev.backplane.billing.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;

/** The events billing emits (schemas: docs/events.md). Money in minor units. */
public final class BillingEvents {
    public static final String SOURCE = "backplane.billing";

    public record SessionCreated(String orderId, String packId, String userId, String sessionId, String url, String expiresAt) {}

    /** {@code orderId} for an order payment, {@code packId} for a credit pack; the other is null. */
    public record PaymentSucceeded(String orderId, String packId, String userId, String sessionId, String paymentId,
                                   long amount, String currency) {}

    /**
     * {@code retryable}: the buyer may still pay in the same Checkout Session (a declined card) — the order stays
     * payable; false when the session is over (expired, async payment failed).
     */
    public record PaymentFailed(String orderId, String packId, String sessionId, String paymentId, String reason, boolean retryable) {}

    public record PaymentRefunded(String orderId, String paymentId, String chargeId, long amount, String currency) {}

    /** Stripe refused to refund the payment for good; {@code reason} is Stripe's error code. The order needs a person. */
    public record RefundRefused(String orderId, String paymentId, String reason) {}

    public record CreditsChanged(String userId, long amount, long balance, String reason, String reference) {}

    private BillingEvents() {}

    public static NewEvent sessionCreated(Purchase purchase, CheckoutSession s) {
        return NewEvent.of("checkout.session_created", purchase.subject(), new SessionCreated(purchase.orderId(), purchase.packId(),
            purchase.userId(), s.id(), s.url(), s.expiresAt().toString()));
    }

    public static NewEvent succeeded(PaymentSucceeded data) {
        return NewEvent.of("payment.succeeded", subjectOf(data.orderId(), data.packId()), data);
    }

    public static NewEvent failed(PaymentFailed data) {
        return NewEvent.of("payment.failed", subjectOf(data.orderId(), data.packId()), data);
    }

    public static NewEvent refunded(PaymentRefunded data) { return NewEvent.of("payment.refunded", new Subject("order", data.orderId()), data); }

    public static NewEvent refundRefused(RefundRefused data) {
        return NewEvent.of("payment.refund_refused", new Subject("order", data.orderId()), data);
    }

    public static NewEvent creditsPurchased(CreditsChanged data) { return NewEvent.of("credits.purchased", new Subject("credits", data.userId()), data); }

    public static NewEvent creditsSpent(CreditsChanged data) { return NewEvent.of("credits.spent", new Subject("credits", data.userId()), data); }

    private static Subject subjectOf(String orderId, String packId) {
        return orderId != null ? new Subject("order", orderId) : new Subject("credit_pack", packId);
    }
}
