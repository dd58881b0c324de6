package dev.backplane.orders.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.ConflictException;
import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.util.List;

/**
 * An admin decides on an order the fraud agent held. Approve: payable again (or PAID, if a payment arrived while
 * held). Reject: cancelled with its stock released; a payment taken meanwhile is refunded through the saga
 * (REFUND_PENDING + {@code order.refund_requested} → billing → {@code payment.refunded} → REFUNDED).
 */
public final class OrderReview {
    private final OrderStore store;
    private final Clock clock;

    public OrderReview(OrderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Order decide(Caller caller, String orderId, ReviewOrder command, Trace trace) {
        if (!caller.isAdmin()) throw new ForbiddenException("reviewing orders needs the admin role");
        command.validate();
        Order order = store.find(orderId).orElseThrow(() -> new NotFoundException("order", orderId));
        if (order.status() != OrderStatus.FLAGGED) {
            throw new ConflictException("not-under-review", "order " + orderId + " is " + order.status() + ", not held for review");
        }
        String note = command.note() == null ? "" : command.note();
        boolean paid = order.paymentId() != null;
        if (command.approves()) {
            Order next = paid ? order.paidWith(order.paymentId(), clock.instant())
                : order.transitionTo(OrderStatus.PENDING_PAYMENT, "review_approved", clock.instant());
            NewEvent approved = OrderEvents.reviewApproved(next, caller.userId(), note);
            store.replace(next, false, paid ? List.of(approved, OrderEvents.paid(next)) : List.of(approved), trace);
            return next;
        }
        Order next = order.transitionTo(paid ? OrderStatus.REFUND_PENDING : OrderStatus.CANCELLED, "fraud", clock.instant());
        NewEvent rejected = OrderEvents.reviewRejected(next, caller.userId(), note);
        NewEvent consequence = paid ? OrderEvents.refundRequested(next, next.paymentId(), "fraud") : OrderEvents.cancelled(next, "fraud");
        store.replace(next, true, List.of(rejected, consequence), trace);
        return next;
    }

    public Page<Order> queue(Caller caller, int limit, String cursor) {
        if (!caller.isAdmin()) throw new ForbiddenException("the review queue needs the admin role");
        return store.awaitingReview(limit, cursor);
    }
}
