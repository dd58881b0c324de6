package dev.backplane.orders.domain;

import java.time.Instant;

/** One step of an order's history, shown on the order page as its timeline. */
public record StatusChange(OrderStatus status, Instant at, String reason) {}
