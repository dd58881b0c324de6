package dev.backplane.orders.domain;

import java.util.Set;

/**
 * The order lifecycle; docs/billing.md describes the saga that drives it. REFUND_PENDING: the owner cancelled a paid
 * order and billing is refunding it (a refund may also arrive straight from Stripe, hence PAID/FULFILLED → REFUNDED).
 * FLAGGED: the fraud agent asked for a review (docs/agents.md); the order is held — not payable, stock kept — until an
 * admin approves (back to PENDING_PAYMENT, or PAID if a payment arrived while held) or rejects it.
 */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, FULFILLED, REFUND_PENDING, CANCELLED, REFUNDED, FLAGGED;

    public boolean canBecome(OrderStatus next) {
        return switch (this) {
            case PENDING_PAYMENT -> Set.of(PAID, CANCELLED, FLAGGED).contains(next);
            case PAID -> Set.of(FULFILLED, REFUND_PENDING, REFUNDED).contains(next);
            case FULFILLED -> Set.of(REFUND_PENDING, REFUNDED).contains(next);
            case REFUND_PENDING -> next == REFUNDED;
            case CANCELLED, REFUNDED -> false;
            case FLAGGED -> Set.of(PENDING_PAYMENT, PAID, CANCELLED, REFUND_PENDING).contains(next);
        };
    }

    /** Money was taken and not (yet) given back. */
    public boolean isPaid() { return this == PAID || this == FULFILLED || this == REFUND_PENDING; }
}
