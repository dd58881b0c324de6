package dev.backplane.billing.domain;

import dev.backplane.core.event.NewEvent;
import java.util.List;
import java.util.Optional;

/**
 * What one verified Stripe event means for us: domain events, maybe a credit purchase, maybe the payment that paid a
 * recorded checkout (kept with it, so later refunds and failures can be matched), and the correlation id of the
 * chain it continues (carried through Stripe metadata). Empty events = a type we do not act on. A {@code rejection}
 * (with nothing else) = an event we refuse to act on, recorded with that reason.
 */
public record WebhookOutcome(List<NewEvent> events, Optional<CreditChange> credits, Optional<CheckoutPaid> paid, String correlationId,
                             String rejection) {
    /** The recorded checkout of {@code reference} (session {@code sessionId}) was paid by {@code paymentId}. */
    public record CheckoutPaid(String reference, String sessionId, String paymentId) {}

    public WebhookOutcome {
        events = List.copyOf(events);
    }

    public WebhookOutcome(List<NewEvent> events, Optional<CreditChange> credits, String correlationId) {
        this(events, credits, Optional.empty(), correlationId, null);
    }

    public static WebhookOutcome rejected(String reason) {
        return new WebhookOutcome(List.of(), Optional.empty(), Optional.empty(), null, reason);
    }

    public boolean isRejected() { return rejection != null; }

    public static WebhookOutcome ignored() { return new WebhookOutcome(List.of(), Optional.empty(), null); }

    public boolean actsOnIt() { return !events.isEmpty(); }

    /** The same outcome without its credit change (the session already credited the buyer). */
    public WebhookOutcome withoutCredits() { return new WebhookOutcome(events, Optional.empty(), paid, correlationId, rejection); }
}
