package dev.backplane.orders.domain;

import java.util.Set;

/** The order lifecycle; see docs/orders.md for the saga that drives it. */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, FULFILLED, CANCELLED, REFUNDED;

    public boolean canBecome(OrderStatus next) {
        return switch (this) {
            case PENDING_PAYMENT -> Set.of(PAID, CANCELLED).contains(next);
            case PAID -> Set.of(FULFILLED, REFUNDED).contains(next);
            case FULFILLED -> next == REFUNDED;
            case CANCELLED, REFUNDED -> false;
        };
    }
}
