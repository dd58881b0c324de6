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

    private OrderEvents() {}

    public static NewEvent placed(Order o) {
        List<LineData> lines = o.lines().stream().map(l -> new LineData(l.productId(), l.quantity(), l.unitPrice().amount())).toList();
        return NewEvent.of("order.placed", subject(o), new Placed(o.id(), o.userId(), lines, o.total().amount(), o.total().currency()));
    }

    public static NewEvent cancelled(Order o, String reason) {
        return NewEvent.of("order.cancelled", subject(o), new Cancelled(o.id(), o.userId(), reason));
    }

    private static Subject subject(Order o) { return new Subject("order", o.id()); }
}
