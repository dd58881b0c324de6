package dev.backplane.billing.domain;

import java.util.List;
import java.util.Optional;

/**
 * Stripe's event vocabulary → ours. Pure: the same notice always means the same thing, so a replay is harmless.
 * Ordering across events is the consumers' business (the order saga ignores late and retries early events).
 */
public final class StripeTranslation {
    private StripeTranslation() {}

    public static WebhookOutcome translate(StripeNotice n) {
        return switch (n.type()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> sessionPaid(n);
            case "checkout.session.expired" -> failed(n, n.text("id"), n.text("payment_intent"), "expired", false);
            case "checkout.session.async_payment_failed" -> failed(n, n.text("id"), n.text("payment_intent"), "async_payment_failed", false);
            // a declined attempt: Checkout keeps the session open for another card
            case "payment_intent.payment_failed" -> failed(n, null, n.text("id"), declineReason(n), true);
            case "charge.refunded" -> refunded(n);
            default -> WebhookOutcome.ignored();
        };
    }

    private static WebhookOutcome sessionPaid(StripeNotice n) {
        // async payment methods complete the session unpaid; their async_payment_succeeded event follows
        if (!"paid".equals(n.text("payment_status"))) return WebhookOutcome.ignored();
        String orderId = n.metadata("orderId");
        String packId = n.metadata("packId");
        if (orderId == null && packId == null) return WebhookOutcome.ignored(); // not one of ours
        var data = new BillingEvents.PaymentSucceeded(orderId, packId, n.metadata("userId"), n.text("id"),
            n.text("payment_intent"), n.amount("amount_total"), currency(n));
        Optional<CreditChange> credits = Optional.empty();
        if (orderId == null && n.metadata("credits") != null && n.metadata("userId") != null) {
            credits = Optional.of(new CreditChange(n.metadata("userId"), Long.parseLong(n.metadata("credits")), "purchase:" + packId,
                "session:" + n.text("id")));
        }
        return new WebhookOutcome(List.of(BillingEvents.succeeded(data)), credits, n.metadata("correlationId"));
    }

    private static WebhookOutcome failed(StripeNotice n, String sessionId, String paymentId, String reason, boolean retryable) {
        String orderId = n.metadata("orderId");
        String packId = n.metadata("packId");
        if (orderId == null && packId == null) return WebhookOutcome.ignored();
        var data = new BillingEvents.PaymentFailed(orderId, packId, sessionId, paymentId, reason, retryable);
        return new WebhookOutcome(List.of(BillingEvents.failed(data)), Optional.empty(), n.metadata("correlationId"));
    }

    private static WebhookOutcome refunded(StripeNotice n) {
        String orderId = n.metadata("orderId");
        if (orderId == null) return WebhookOutcome.ignored(); // credit packs are not refunded through the saga
        var data = new BillingEvents.PaymentRefunded(orderId, n.text("payment_intent"), n.text("id"), n.amount("amount_refunded"), currency(n));
        return new WebhookOutcome(List.of(BillingEvents.refunded(data)), Optional.empty(), n.metadata("correlationId"));
    }

    private static String declineReason(StripeNotice n) {
        var error = n.object().path("last_payment_error");
        String code = error.path("decline_code").asString(null);
        if (code == null) code = error.path("code").asString(null);
        return code == null ? "payment_failed" : code;
    }

    private static String currency(StripeNotice n) {
        String c = n.text("currency");
        return c == null ? null : c.toUpperCase(java.util.Locale.ROOT);
    }
}
