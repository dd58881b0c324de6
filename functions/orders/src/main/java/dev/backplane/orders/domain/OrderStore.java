package dev.backplane.orders.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.util.Optional;

/**
 * Port: order persistence. Each write is atomic with its stock changes and its event (transactional outbox);
 * {@code replace} succeeds only if the stored order still has {@code next.version() - 1}.
 */
public interface OrderStore {
    /** Creates the order, reserves every line's stock (never below zero) and records the event, all or nothing. */
    void place(Order order, NewEvent event, Trace trace);

    /** Replaces the order with {@code next}; when {@code releaseStock}, returns its lines to stock. */
    void replace(Order next, boolean releaseStock, NewEvent event, Trace trace);

    /** As {@link #replace(Order, boolean, NewEvent, Trace)} with several events in the same transaction. */
    void replace(Order next, boolean releaseStock, java.util.List<NewEvent> events, Trace trace);

    /** Held (FLAGGED) orders awaiting an admin's review, oldest first. */
    Page<Order> awaitingReview(int limit, String cursor);

    /** Records an event that changes no order (e.g. a refund request for a payment that arrived too late). */
    void publish(NewEvent event, Trace trace);

    Optional<Order> find(String orderId);

    /** An unpaid order with the correlation id of the request that placed it (its saga continues that chain). */
    record Unpaid(Order order, String correlationId) {}

    /** Orders still awaiting payment that were placed before {@code cutoff}, oldest first (sparse index). */
    java.util.List<Unpaid> awaitingPaymentSince(java.time.Instant cutoff, int limit);

    Page<Order> listByUser(String userId, int limit, String cursor);
}
