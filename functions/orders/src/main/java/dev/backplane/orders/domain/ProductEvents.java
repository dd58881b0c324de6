package dev.backplane.orders.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;

/**
 * The catalog's events: a product as shoppers see it, published whenever it is listed or its details change, so
 * other domains (the assistant's product search) keep their own copy instead of reading the catalog's items.
 * Stock is left out: it changes with every order and is nobody else's business.
 */
public final class ProductEvents {
    public record Listed(String productId, String name, String description, long price, String currency) {}

    private ProductEvents() {}

    public static NewEvent listed(Product p) {
        return NewEvent.of("product.listed", new Subject("product", p.id()),
            new Listed(p.id(), p.name(), p.description(), p.price().amount(), p.price().currency()));
    }
}
