package dev.backplane.billing.domain;

import dev.backplane.core.event.Trace;

/**
 * Port: records a Stripe event id together with its effects in one transaction, so an event is processed once even
 * when Stripe delivers it again, or several times at the same moment.
 */
public interface WebhookInbox {
    /** True when this delivery was the first; false for a duplicate (nothing written). */
    boolean accept(String stripeEventId, WebhookOutcome outcome, Trace trace);

    /** Records a verified event we refuse to act on, with its type and the reason; false for a duplicate. Changes nothing else. */
    boolean reject(String stripeEventId, String type, String reason, Trace trace);
}
