package dev.backplane.agents.digest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A user's counters for one day, and the digest summary they make (nothing to report: no summary). */
public record DayActivity(String userId, LocalDate day, Map<String, Long> counts) {
    public DayActivity {
        counts = new TreeMap<>(counts);
    }

    public boolean worthReporting() { return counts.values().stream().anyMatch(v -> v > 0); }

    public String summary() {
        List<String> parts = new ArrayList<>();
        add(parts, "ordersPlaced", "order placed", "orders placed");
        add(parts, "ordersPaid", "order paid", "orders paid");
        add(parts, "ordersCancelled", "order cancelled", "orders cancelled");
        add(parts, "ordersRefunded", "order refunded", "orders refunded");
        add(parts, "creditsPurchased", "credit purchased", "credits purchased");
        add(parts, "creditsSpent", "credit spent", "credits spent");
        add(parts, "notifications", "notification", "notifications");
        return "Your " + day + ": " + String.join(", ", parts) + ".";
    }

    private void add(List<String> parts, String counter, String one, String many) {
        long n = counts.getOrDefault(counter, 0L);
        if (n > 0) parts.add(n + " " + (n == 1 ? one : many));
    }
}
