package dev.backplane.agents.digest;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** One unit of a user's day as the digest agent counts it, derived from an event it consumed. */
public record Activity(String userId, LocalDate day, String counter, long amount) {
    /** The counters a digest reports, by event type; other events are not activity. */
    static final Map<String, String> COUNTERS = Map.of(
        "order.placed", "ordersPlaced", "order.paid", "ordersPaid", "order.cancelled", "ordersCancelled",
        "order.refunded", "ordersRefunded", "credits.purchased", "creditsPurchased", "credits.spent", "creditsSpent",
        "notification.created", "notifications");

    public static Optional<Activity> of(String eventType, String userId, LocalDate day, long creditAmount) {
        String counter = COUNTERS.get(eventType);
        if (counter == null || userId == null || userId.isBlank()) return Optional.empty();
        return Optional.of(new Activity(userId, day, counter, eventType.startsWith("credits.") ? Math.abs(creditAmount) : 1));
    }
}
