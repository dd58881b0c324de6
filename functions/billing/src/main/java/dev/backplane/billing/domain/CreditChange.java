package dev.backplane.billing.domain;

import dev.backplane.core.event.NewEvent;

/**
 * One ledger movement: positive for a purchase, negative for a spend. {@code reference} (a checkout session or
 * the spender's own id, e.g. a chat message) is unique per user, so a repeated change applies once.
 */
public record CreditChange(String userId, long delta, String reason, String reference) {
    public static final int MAX_REFERENCE = 128;

    public CreditChange {
        if (delta == 0) throw new IllegalArgumentException("a credit change moves at least one credit");
        if (reference == null || reference.isBlank() || reference.length() > MAX_REFERENCE) {
            throw new IllegalArgumentException("a credit change needs a reference of 1-" + MAX_REFERENCE + " characters");
        }
    }

    /** The event that reports this change with the balance it left. */
    public NewEvent event(long balanceAfter) {
        var data = new BillingEvents.CreditsChanged(userId, Math.abs(delta), balanceAfter, reason, reference);
        return delta > 0 ? BillingEvents.creditsPurchased(data) : BillingEvents.creditsSpent(data);
    }
}
