package dev.backplane.orders.domain;

import dev.backplane.core.error.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An order aggregate. {@code version} guards every change (optimistic concurrency). */
public record Order(String id, String userId, OrderStatus status, List<OrderLine> lines, Money total,
                    Instant createdAt, Instant updatedAt, long version, List<StatusChange> history, String paymentId) {
    public Order {
        lines = List.copyOf(lines);
        history = List.copyOf(history);
    }

    public static Order place(String id, String userId, List<OrderLine> lines, Instant now) {
        Money total = lines.stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
        return new Order(id, userId, OrderStatus.PENDING_PAYMENT, lines, total, now, now, 1,
            List.of(new StatusChange(OrderStatus.PENDING_PAYMENT, now, "placed")), null);
    }

    public boolean isOwnedBy(String someUserId) { return userId.equals(someUserId); }

    /** The next version of this order in {@code next}; an illegal transition is a 409. */
    public Order transitionTo(OrderStatus next, String reason, Instant now) {
        if (!status.canBecome(next)) {
            throw new ConflictException("illegal-transition", "order " + id + " is " + status + " and cannot become " + next);
        }
        List<StatusChange> h = new ArrayList<>(history);
        h.add(new StatusChange(next, now, reason));
        return new Order(id, userId, next, lines, total, createdAt, now, version + 1, h, paymentId);
    }

    /** A payment that arrives while the order is held: remembered (a review decides), the status stays FLAGGED. */
    public Order heldWithPayment(String payment, Instant now) {
        List<StatusChange> h = new ArrayList<>(history);
        h.add(new StatusChange(OrderStatus.FLAGGED, now, "payment_received_while_held"));
        return new Order(id, userId, status, lines, total, createdAt, now, version + 1, h, payment);
    }

    /** PENDING_PAYMENT → PAID, remembering the provider's payment id (refunds need it). */
    public Order paidWith(String payment, Instant now) {
        Order paid = transitionTo(OrderStatus.PAID, status == OrderStatus.FLAGGED ? "review_approved" : "payment_succeeded", now);
        return new Order(id, userId, paid.status, lines, total, createdAt, now, paid.version, paid.history, payment);
    }
}
