package dev.backplane.agents.fraud;

/** The fraud agent's note of one order: whose it is, its total, and whether a review was already requested. */
public record OrderRisk(String orderId, String userId, long total, String currency, boolean flagRequested) {
    public OrderRisk flagged() { return new OrderRisk(orderId, userId, total, currency, true); }
}
