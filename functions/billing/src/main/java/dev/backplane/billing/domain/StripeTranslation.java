package dev.backplane.billing.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stripe's event vocabulary → ours. Pure: the same notice (and recorded checkout) always means the same thing, so a
 * replay is harmless. Ordering across events is the consumers' business (the order saga ignores late and retries
 * early events). A paid session is honoured only if it matches the checkout Backplane opened ({@link ExpectedPayment},
 * looked up by the session's {@code client_reference_id}) and the configured live/test mode; otherwise it is
 * rejected. A field of the wrong type rejects the event too ({@link UnusableStripeEvent}).
 */
public final class StripeTranslation {
    private StripeTranslation() {}

    /** {@code expected}: the recorded checkout of a purchase reference; {@code livemode}: which Stripe mode we run in. */
    public static WebhookOutcome translate(StripeNotice n, Function<String, Optional<ExpectedPayment>> expected, boolean livemode) {
        try {
            return outcome(n, expected, livemode);
        } catch (UnusableStripeEvent e) {
            return WebhookOutcome.rejected(e.getMessage());
        }
    }

    private static WebhookOutcome outcome(StripeNotice n, Function<String, Optional<ExpectedPayment>> expected, boolean livemode) {
        return switch (n.type()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> sessionPaid(n, expected, livemode);
            case "checkout.session.expired" -> failed(n, n.text("id"), n.text("payment_intent"), "expired", false);
            case "checkout.session.async_payment_failed" -> failed(n, n.text("id"), n.text("payment_intent"), "async_payment_failed", false);
            // a declined attempt: Checkout keeps the session open for another card
            case "payment_intent.payment_failed" -> failed(n, null, n.text("id"), declineReason(n), true);
            case "charge.refunded" -> refunded(n);
            default -> WebhookOutcome.ignored();
        };
    }

    private static WebhookOutcome sessionPaid(StripeNotice n, Function<String, Optional<ExpectedPayment>> expected, boolean livemode) {
        // async payment methods complete the session unpaid; their async_payment_succeeded event follows
        if (!"paid".equals(n.text("payment_status"))) return WebhookOutcome.ignored();
        String orderId = n.metadata("orderId");
        String packId = n.metadata("packId");
        String reference = n.text("client_reference_id");
        if (reference == null && orderId == null && packId == null) return WebhookOutcome.ignored(); // not one of ours
        if (reference == null && orderId != null) reference = Purchase.order(orderId, null).reference();
        if (reference == null) return WebhookOutcome.rejected("a paid credit-pack session without client_reference_id");
        if (n.livemode() == null || n.livemode() != livemode) {
            return WebhookOutcome.rejected("livemode " + n.livemode() + " but Backplane runs in " + (livemode ? "live" : "test") + " mode");
        }
        Optional<ExpectedPayment> recorded = expected.apply(reference);
        if (recorded.isEmpty()) return WebhookOutcome.rejected("no checkout recorded for reference " + reference);
        ExpectedPayment want = recorded.get();
        String sessionId = n.text("id");
        long amount = n.amount("amount_total");
        String currency = currency(n);
        String mismatch = !want.sessionId().equals(sessionId) ? "session " + sessionId + " is not the recorded " + want.sessionId()
            : amount != want.amount() ? "amount " + amount + " differs from the recorded " + want.amount()
            : !want.currency().equalsIgnoreCase(String.valueOf(currency)) ? "currency " + currency + " differs from the recorded " + want.currency()
            : !Objects.equals(orderId == null ? want.orderId() : orderId, want.orderId()) ? "orderId in metadata is not the recorded order"
            : !Objects.equals(packId == null ? want.packId() : packId, want.packId()) ? "packId in metadata is not the recorded pack"
            : n.metadata("userId") != null && !n.metadata("userId").equals(want.userId()) ? "userId in metadata is not the buyer"
            : null;
        if (mismatch != null) return WebhookOutcome.rejected(mismatch);
        var data = new BillingEvents.PaymentSucceeded(want.orderId(), want.packId(), want.userId(), sessionId,
            n.text("payment_intent"), amount, want.currency().toUpperCase(Locale.ROOT));
        Optional<CreditChange> credits = want.packId() == null || want.credits() <= 0 ? Optional.empty()
            : Optional.of(new CreditChange(want.userId(), want.credits(), "purchase:" + want.packId(), "session:" + sessionId));
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
        String code = error.path("decline_code").isString() ? error.path("decline_code").asString() : null;
        if (code == null && error.path("code").isString()) code = error.path("code").asString();
        return code == null ? "payment_failed" : code;
    }

    private static String currency(StripeNotice n) {
        String c = n.text("currency");
        return c == null ? null : c.toUpperCase(java.util.Locale.ROOT);
    }
}
