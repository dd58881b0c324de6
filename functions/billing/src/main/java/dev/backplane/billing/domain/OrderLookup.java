package dev.backplane.billing.domain;

import java.util.Optional;

/** Port: read-only access to orders (owned by the orders module). */
public interface OrderLookup {
    Optional<PayableOrder> find(String orderId);
}
