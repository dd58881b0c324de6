package dev.backplane.billing.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stripe's event vocabulary → ours. Pure: the same notice (and recorded checkout) always means the same thing, so a
 * replay is harmless. Ordering across events is the consumers' business (the order saga ignores late and retries
 * early events).
 *
 * <p>A signature only proves the endpoint secret was used, so every event we act on must match the checkout
 * Backplane opened ({@link ExpectedPayment}, looked up by the session's {@code client_reference_id}, or the order or
 * checkout reference in the payment's metadata) and the configured live/test mode: session events name the recorded
 * session, amount and currency; a failed payment names the recorded amount and currency (and the recorded payment
 * once there is one); a refund names the recorded payment, amount and currency. Metadata naming another order, pack
 * or buyer rejects the event; a field of the wrong type does too ({@link UnusableStripeEvent}). Events that name none
 * of ours (no reference, order or pack) are ignored.
 */
public final class StripeTranslation {
    private StripeTranslation() {}

    /** {@code expected}: the recorded checkout of a purchase reference; {@code livemode}: which Stripe mode we run in. */
    public static WebhookOutcome translate(StripeNotice n, Function<String, Optional<ExpectedPayment>> expected, boolean livemode) {
        if (n.defect() != null) return WebhookOutcome.rejected(n.defect());
        try {
            return outcome(n, new Recorded(expected, livemode));
        } catch (UnusableStripeEvent e) {
            return WebhookOutcome.rejected(e.getMessage());
        }
    }

    private static WebhookOutcome outcome(StripeNotice n, Recorded recorded) {
        return switch (n.type()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> sessionPaid(n, recorded);
            case "checkout.session.expired" -> sessionEnded(n, recorded, "expired");
            case "checkout.session.async_payment_failed" -> sessionEnded(n, recorded, "async_payment_failed");
            // a declined attempt: Checkout keeps the session open for another card
            case "payment_intent.payment_failed" -> paymentFailed(n, recorded);
            case "charge.refunded" -> refunded(n, recorded);
            default -> WebhookOutcome.ignored();
        };
    }

    private static WebhookOutcome sessionPaid(StripeNotice n, Recorded recorded) {
        // async payment methods complete the session unpaid; their async_payment_succeeded event follows
        if (!"paid".equals(n.text("payment_status"))) return WebhookOutcome.ignored();
        String reference = sessionReference(n);
        if (reference == null) return WebhookOutcome.ignored(); // not one of ours
        ExpectedPayment want = recorded.session(n, reference);
        String paymentId = n.text("payment_intent");
        if (want.paymentId() != null && !want.paymentId().equals(paymentId)) {
            throw new UnusableStripeEvent("payment " + paymentId + " is not the recorded " + want.paymentId());
        }
        var data = new BillingEvents.PaymentSucceeded(want.orderId(), want.packId(), want.userId(), want.sessionId(),
            paymentId, want.amount(), want.currency().toUpperCase(Locale.ROOT));
        Optional<CreditChange> credits = want.packId() == null || want.credits() <= 0 ? Optional.empty()
            : Optional.of(new CreditChange(want.userId(), want.credits(), "purchase:" + want.packId(), "session:" + want.sessionId()));
        Optional<WebhookOutcome.CheckoutPaid> paid = Optional.ofNullable(paymentId)
            .map(id -> new WebhookOutcome.CheckoutPaid(reference, want.sessionId(), id));
        return new WebhookOutcome(List.of(BillingEvents.succeeded(data)), credits, paid, n.metadata("correlationId"), null);
    }

    /** The session ended unpaid (expired, or its async payment failed): the order or pack cannot be paid through it. */
    private static WebhookOutcome sessionEnded(StripeNotice n, Recorded recorded, String reason) {
        String reference = sessionReference(n);
        if (reference == null) return WebhookOutcome.ignored();
        ExpectedPayment want = recorded.session(n, reference);
        if (want.paymentId() != null) throw new UnusableStripeEvent("the recorded checkout was paid by " + want.paymentId() + "; it cannot end unpaid");
        var data = new BillingEvents.PaymentFailed(want.orderId(), want.packId(), want.sessionId(), n.text("payment_intent"), reason, false);
        return new WebhookOutcome(List.of(BillingEvents.failed(data)), Optional.empty(), n.metadata("correlationId"));
    }

    private static WebhookOutcome paymentFailed(StripeNotice n, Recorded recorded) {
        String orderId = n.metadata("orderId");
        String packId = n.metadata("packId");
        if (orderId == null && packId == null) return WebhookOutcome.ignored();
        String reference = n.metadata("reference");
        if (reference == null && orderId != null) reference = Purchase.order(orderId, null).reference();
        if (reference == null) throw new UnusableStripeEvent("a credit-pack payment without its checkout reference");
        ExpectedPayment want = recorded.of(n, reference);
        String paymentId = n.text("id");
        if (want.paymentId() != null && !want.paymentId().equals(paymentId)) {
            throw new UnusableStripeEvent("payment " + paymentId + " is not the recorded " + want.paymentId());
        }
        recorded.charges(n, want, "amount");
        var data = new BillingEvents.PaymentFailed(want.orderId(), want.packId(), null, paymentId, declineReason(n), true);
        return new WebhookOutcome(List.of(BillingEvents.failed(data)), Optional.empty(), n.metadata("correlationId"));
    }

    private static WebhookOutcome refunded(StripeNotice n, Recorded recorded) {
        String orderId = n.metadata("orderId");
        if (orderId == null) return WebhookOutcome.ignored(); // credit packs are not refunded through the saga
        ExpectedPayment want = recorded.of(n, Purchase.order(orderId, null).reference());
        String paymentId = n.text("payment_intent");
        if (want.paymentId() == null) throw new UnusableStripeEvent("no payment recorded for order " + orderId);
        if (!want.paymentId().equals(paymentId)) throw new UnusableStripeEvent("payment " + paymentId + " is not the recorded " + want.paymentId());
        recorded.charges(n, want, "amount");
        long refunded = n.amount("amount_refunded");
        if (refunded <= 0 || refunded > want.amount()) {
            throw new UnusableStripeEvent("amount_refunded " + refunded + " is not within the recorded " + want.amount());
        }
        var data = new BillingEvents.PaymentRefunded(want.orderId(), paymentId, n.text("id"), refunded, want.currency().toUpperCase(Locale.ROOT));
        return new WebhookOutcome(List.of(BillingEvents.refunded(data)), Optional.empty(), n.metadata("correlationId"));
    }

    /** The purchase reference of a session event; null when it names none of ours. */
    private static String sessionReference(StripeNotice n) {
        String orderId = n.metadata("orderId");
        String packId = n.metadata("packId");
        String reference = n.text("client_reference_id");
        if (reference == null && orderId == null && packId == null) return null;
        if (reference == null && orderId != null) reference = Purchase.order(orderId, null).reference();
        if (reference == null) throw new UnusableStripeEvent("a credit-pack session without client_reference_id");
        return reference;
    }

    /** The recorded checkouts and the mode we run in; each check throws the mismatch it finds. */
    private record Recorded(Function<String, Optional<ExpectedPayment>> expected, boolean livemode) {
        /** The recorded checkout of {@code reference}, if the event is in our mode and its metadata names its order, pack and buyer. */
        ExpectedPayment of(StripeNotice n, String reference) {
            String mode = (livemode ? "live" : "test") + " mode";
            if (n.livemode() == null || n.livemode() != livemode) throw new UnusableStripeEvent("livemode " + n.livemode() + " but Backplane runs in " + mode);
            Boolean objectLivemode = n.flag("livemode");
            if (objectLivemode != null && objectLivemode != livemode) {
                throw new UnusableStripeEvent("the object's livemode is " + objectLivemode + " but Backplane runs in " + mode);
            }
            ExpectedPayment want = expected.apply(reference)
                .orElseThrow(() -> new UnusableStripeEvent("no checkout recorded for reference " + reference));
            String orderId = n.metadata("orderId");
            String packId = n.metadata("packId");
            String userId = n.metadata("userId");
            if (orderId != null && !orderId.equals(want.orderId())) throw new UnusableStripeEvent("orderId in metadata is not the recorded order");
            if (packId != null && !packId.equals(want.packId())) throw new UnusableStripeEvent("packId in metadata is not the recorded pack");
            if (userId != null && !userId.equals(want.userId())) throw new UnusableStripeEvent("userId in metadata is not the buyer");
            return want;
        }

        /** {@link #of}, for an event about the recorded session itself (its id and {@code amount_total}). */
        ExpectedPayment session(StripeNotice n, String reference) {
            ExpectedPayment want = of(n, reference);
            String sessionId = n.text("id");
            if (!want.sessionId().equals(sessionId)) throw new UnusableStripeEvent("session " + sessionId + " is not the recorded " + want.sessionId());
            charges(n, want, "amount_total");
            return want;
        }

        /** The event's amount field and currency are what the checkout charges. */
        void charges(StripeNotice n, ExpectedPayment want, String amountField) {
            long amount = n.amount(amountField);
            if (amount != want.amount()) throw new UnusableStripeEvent(amountField + " " + amount + " differs from the recorded " + want.amount());
            String currency = n.text("currency");
            if (!want.currency().equalsIgnoreCase(Objects.toString(currency))) {
                throw new UnusableStripeEvent("currency " + currency + " differs from the recorded " + want.currency());
            }
        }
    }

    private static String declineReason(StripeNotice n) {
        var error = n.object().path("last_payment_error");
        String code = error.path("decline_code").isString() ? error.path("decline_code").asString() : null;
        if (code == null && error.path("code").isString()) code = error.path("code").asString();
        return code == null ? "payment_failed" : code;
    }
}
