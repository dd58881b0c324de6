package dev.backplane.orders.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import java.util.List;

/** The events the orders domain emits (schemas: docs/events.md; samples: events/). */
public final class OrderEvents {
    public static final String SOURCE = "backplane.orders";

    public record LineData(String productId, int qty, long unitPrice) {}

    public record Placed(String orderId, String userId, List<LineData> lines, long total, String currency) {}

    public record Cancelled(String orderId, String userId, String reason) {}

    public record Paid(String orderId, String userId, String paymentId, long amount, String currency) {}

    public record Fulfilled(String orderId, String userId) {}

    public record RefundRequested(String orderId, String userId, String paymentId, long amount, String currency, String reason) {}

    public record Refunded(String orderId, String userId, long amount, String currency) {}

    public record Flagged(String orderId, String userId, int score, List<String> reasons, long total, String currency) {}

    public record Reviewed(String orderId, String userId, String reviewer, String note) {}

    private OrderEvents() {}

    public static NewEvent placed(Order o) {
        List<LineData> lines = o.lines().stream().map(l -> new LineData(l.productId(), l.quantity(), l.unitPrice().amount())).toList();
        return NewEvent.of("order.placed", subject(o), new Placed(o.id(), o.userId(), lines, o.total().amount(), o.total().currency()));
    }

    public static NewEvent cancelled(Order o, String reason) {
        return NewEvent.of("order.cancelled", subject(o), new Cancelled(o.id(), o.userId(), reason));
    }

    public static NewEvent paid(Order o) {
        return NewEvent.of("order.paid", subject(o), new Paid(o.id(), o.userId(), o.paymentId(), o.total().amount(), o.total().currency()));
    }

    public static NewEvent fulfilled(Order o) { return NewEvent.of("order.fulfilled", subject(o), new Fulfilled(o.id(), o.userId())); }

    /** Asks billing to give a payment back: the owner cancelled a paid order, or a payment arrived for a dead one. */
    public static NewEvent refundRequested(Order o, String paymentId, String reason) {
        return NewEvent.of("order.refund_requested", subject(o),
            new RefundRequested(o.id(), o.userId(), paymentId, o.total().amount(), o.total().currency(), reason));
    }

    public static NewEvent refunded(Order o, long amount) {
        return NewEvent.of("order.refunded", subject(o), new Refunded(o.id(), o.userId(), amount, o.total().currency()));
    }

    /** The order is held for review after the fraud agent's {@code order.flag_requested}. */
    public static NewEvent flagged(Order o, int score, List<String> reasons) {
        return NewEvent.of("order.flagged", subject(o), new Flagged(o.id(), o.userId(), score, reasons, o.total().amount(), o.total().currency()));
    }

    public static NewEvent reviewApproved(Order o, String reviewer, String note) {
        return NewEvent.of("order.review_approved", subject(o), new Reviewed(o.id(), o.userId(), reviewer, note));
    }

    public static NewEvent reviewRejected(Order o, String reviewer, String note) {
        return NewEvent.of("order.review_rejected", subject(o), new Reviewed(o.id(), o.userId(), reviewer, note));
    }

    private static Subject subject(Order o) { return new Subject("order", o.id()); }
}
