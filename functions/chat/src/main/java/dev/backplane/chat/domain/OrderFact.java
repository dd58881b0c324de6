package dev.backplane.chat.domain;

import java.time.Instant;
import java.util.List;

/** What chat knows of an order, from order events (its own projection; it never reads the orders service's items). */
public record OrderFact(String orderId, String userId, String status, long total, String currency, Instant placedAt,
                        List<String> productIds) {}
