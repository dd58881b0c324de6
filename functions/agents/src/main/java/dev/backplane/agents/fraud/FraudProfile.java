package dev.backplane.agents.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fraud agent's own projection of one user, built only from events it consumed: when the account was registered
 * (if seen), when the last day's orders were placed, how many orders and how much money so far, and how many
 * payments failed since the last success. {@code version} guards concurrent updates (0 = not stored yet).
 */
public record FraudProfile(String userId, Instant registeredAt, List<Instant> recentOrders, long orderCount, long amountSum,
                           int failedInRow, long version) {
    static final Duration WINDOW = Duration.ofHours(24);
    static final int MAX_RECENT = 500;

    public FraudProfile {
        recentOrders = List.copyOf(recentOrders);
    }

    public static FraudProfile empty(String userId) { return new FraudProfile(userId, null, List.of(), 0, 0, 0, 0); }

    public long ordersSince(Instant since) { return recentOrders.stream().filter(t -> !t.isBefore(since)).count(); }

    /** Average order total before this one, or -1 without history. */
    public long averageAmount() { return orderCount == 0 ? -1 : amountSum / orderCount; }

    public FraudProfile withOrder(Instant at, long amount) {
        List<Instant> recent = new ArrayList<>(recentOrders.stream().filter(t -> t.isAfter(at.minus(WINDOW))).toList());
        recent.add(at);
        if (recent.size() > MAX_RECENT) recent = recent.subList(recent.size() - MAX_RECENT, recent.size());
        return new FraudProfile(userId, registeredAt, recent, orderCount + 1, amountSum + amount, failedInRow, version);
    }

    public FraudProfile withFailedPayment() {
        return new FraudProfile(userId, registeredAt, recentOrders, orderCount, amountSum, failedInRow + 1, version);
    }

    public FraudProfile withSucceededPayment() {
        return new FraudProfile(userId, registeredAt, recentOrders, orderCount, amountSum, 0, version);
    }

    public FraudProfile registered(Instant at) {
        return new FraudProfile(userId, registeredAt == null ? at : registeredAt, recentOrders, orderCount, amountSum, failedInRow, version);
    }
}
