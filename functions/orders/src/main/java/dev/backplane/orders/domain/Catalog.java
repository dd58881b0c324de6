package dev.backplane.orders.domain;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Port: read access to the product catalog. */
public interface Catalog {
    Optional<Product> find(String productId);

    /** The products that exist among {@code ids}, by id. */
    Map<String, Product> findAll(Collection<String> ids);

    Page<Product> list(int limit, String cursor);
}
