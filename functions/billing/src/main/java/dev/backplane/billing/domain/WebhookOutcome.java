package dev.backplane.billing.domain;

import dev.backplane.core.event.NewEvent;
import java.util.List;
import java.util.Optional;

/**
 * What one verified Stripe event means for us: domain events, maybe a credit purchase, and the correlation id of
 * the chain it continues (carried through Stripe metadata). Empty events = a type we do not act on. A
 * {@code rejection} (with no events or credits) = an event we refuse to act on, recorded with that reason.
 */
public record WebhookOutcome(List<NewEvent> events, Optional<CreditChange> credits, String correlationId, String rejection) {
    public WebhookOutcome {
        events = List.copyOf(events);
    }

    public WebhookOutcome(List<NewEvent> events, Optional<CreditChange> credits, String correlationId) {
        this(events, credits, correlationId, null);
    }

    public static WebhookOutcome rejected(String reason) { return new WebhookOutcome(List.of(), Optional.empty(), null, reason); }

    public boolean isRejected() { return rejection != null; }

    public static WebhookOutcome ignored() { return new WebhookOutcome(List.of(), Optional.empty(), null); }

    public boolean actsOnIt() { return !events.isEmpty(); }
}
