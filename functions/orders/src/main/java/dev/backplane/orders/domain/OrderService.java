package dev.backplane.orders.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Orders use cases. Ownership is checked here: a caller only ever sees their own orders (404 otherwise). */
public final class OrderService {
    private final Catalog catalog;
    private final OrderStore store;
    private final Clock clock;
    private final Supplier<String> ids;

    public OrderService(Catalog catalog, OrderStore store, Clock clock, Supplier<String> ids) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    public Order place(Caller caller, PlaceOrder command, Trace trace) {
        command.validate();
        Map<String, Product> products = catalog.findAll(command.lines().stream().map(PlaceOrder.Line::productId).toList());
        ValidationException.Collector errors = new ValidationException.Collector();
        List<OrderLine> lines = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < command.lines().size(); i++) {
            PlaceOrder.Line line = command.lines().get(i);
            Product product = products.get(line.productId());
            errors.check(product != null, "lines[" + i + "].productId", "unknown product " + line.productId());
            if (product == null) continue;
            if (currency == null) currency = product.price().currency();
            errors.check(currency.equals(product.price().currency()), "lines[" + i + "].productId",
                "all products of an order must be priced in " + currency);
            lines.add(new OrderLine(product.id(), product.name(), line.quantity(), product.price()));
        }
        errors.throwIfAny();
        Order order = Order.place(ids.get(), caller.userId(), lines, clock.instant());
        store.place(order, OrderEvents.placed(order), trace);
        return order;
    }

    public Order get(Caller caller, String orderId) {
        // owner-only for everyone: admins read other users' data through /admin routes, which are audited
        return store.find(orderId).filter(o -> o.isOwnedBy(caller.userId()))
            .orElseThrow(() -> new NotFoundException("order", orderId));
    }

    public Page<Order> list(Caller caller, int limit, String cursor) { return store.listByUser(caller.userId(), limit, cursor); }

    /**
     * The owner cancels: an unpaid order is cancelled at once (stock back, {@code order.cancelled}); a paid one becomes
     * REFUND_PENDING and {@code order.refund_requested} asks billing to refund it ({@code order.refunded} follows).
     */
    public Order cancel(Caller caller, String orderId, Trace trace) {
        Order order = store.find(orderId).filter(o -> o.isOwnedBy(caller.userId()))
            .orElseThrow(() -> new NotFoundException("order", orderId));
        boolean paidWhileHeld = order.status() == OrderStatus.FLAGGED && order.paymentId() != null;
        if (order.status() == OrderStatus.PAID || order.status() == OrderStatus.FULFILLED || paidWhileHeld) {
            Order pending = order.transitionTo(OrderStatus.REFUND_PENDING, "user", clock.instant());
            store.replace(pending, false, OrderEvents.refundRequested(pending, pending.paymentId(), "user"), trace);
            return pending;
        }
        Order cancelled = order.transitionTo(OrderStatus.CANCELLED, "user", clock.instant());
        store.replace(cancelled, true, OrderEvents.cancelled(cancelled, "user"), trace);
        return cancelled;
    }
}
