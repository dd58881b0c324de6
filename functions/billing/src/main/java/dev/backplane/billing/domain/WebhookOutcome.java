package dev.backplane.billing.domain;

import dev.backplane.core.event.NewEvent;
import java.util.List;
import java.util.Optional;

/**
 * What one verified Stripe event means for us: domain events, maybe a credit purchase, and the correlation id of
 * the chain it continues (carried through Stripe metadata). Empty events = a type we do not act on.
 */
public record WebhookOutcome(List<NewEvent> events, Optional<CreditChange> credits, String correlationId) {
    public WebhookOutcome {
        events = List.copyOf(events);
    }

    public static WebhookOutcome ignored() { return new WebhookOutcome(List.of(), Optional.empty(), null); }

    public boolean actsOnIt() { return !events.isEmpty(); }
}
