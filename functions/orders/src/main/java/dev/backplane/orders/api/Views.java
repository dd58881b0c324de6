package dev.backplane.orders.api;

import dev.backplane.orders.domain.Order;
import dev.backplane.orders.domain.Page;
import dev.backplane.orders.domain.Product;
import dev.backplane.orders.domain.StatusChange;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of the orders API (documented in openapi.yaml). Money is in minor units. */
final class Views {
    record ProductView(String id, String name, String description, long price, String currency, int stock) {}

    record LineView(String productId, String name, int quantity, long unitPrice) {}

    record OrderView(String id, String status, List<LineView> lines, long total, String currency,
                     Instant createdAt, Instant updatedAt, List<StatusChange> history) {}

    record PageView<T>(List<T> items, String nextCursor) {}

    private Views() {}

    static ProductView product(Product p) {
        return new ProductView(p.id(), p.name(), p.description(), p.price().amount(), p.price().currency(), p.stock());
    }

    static OrderView order(Order o) {
        return new OrderView(o.id(), o.status().name(),
            o.lines().stream().map(l -> new LineView(l.productId(), l.name(), l.quantity(), l.unitPrice().amount())).toList(),
            o.total().amount(), o.total().currency(), o.createdAt(), o.updatedAt(), o.history());
    }

    static <T, V> PageView<V> page(Page<T> page, Function<T, V> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.nextCursor());
    }
}
