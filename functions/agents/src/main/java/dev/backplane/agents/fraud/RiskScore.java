package dev.backplane.agents.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An explainable risk score: each rule that fires adds its points and one reason in words; nothing else counts.
 * Pure: the same profile, order and rules always give the same score.
 */
public record RiskScore(int score, String level, List<String> reasons, Map<String, Object> inputs) {
    public static final String LOW = "low";
    public static final String MEDIUM = "medium";
    public static final String HIGH = "high";

    /** Scores {@code order} given the user's profile after the triggering event was applied. */
    public static RiskScore of(FraudProfile profile, long orderTotal, long historyAverage, Instant now, FraudRules rules) {
        int points = 0;
        List<String> reasons = new ArrayList<>();
        long in10 = profile.ordersSince(now.minus(Duration.ofMinutes(10)));
        long in24 = profile.ordersSince(now.minus(Duration.ofHours(24)));
        if (in10 >= rules.ordersIn10Minutes()) {
            points += rules.ordersIn10MinutesPoints();
            reasons.add(in10 + " orders in 10 minutes (limit " + rules.ordersIn10Minutes() + ")");
        }
        if (in24 >= rules.ordersIn24Hours()) {
            points += rules.ordersIn24HoursPoints();
            reasons.add(in24 + " orders in 24 hours (limit " + rules.ordersIn24Hours() + ")");
        }
        long previousOrders = profile.orderCount() - 1;
        if (historyAverage > 0 && previousOrders >= rules.amountSpikeMinHistory() && orderTotal > historyAverage * rules.amountSpikeFactor()) {
            points += rules.amountSpikePoints();
            reasons.add("order total " + orderTotal + " is over " + rules.amountSpikeFactor() + "x the user's average of " + historyAverage);
        }
        Long accountHours = profile.registeredAt() == null ? null : Duration.between(profile.registeredAt(), now).toHours();
        if (accountHours != null && accountHours < rules.newAccountHours() && orderTotal >= rules.newAccountLargeOrder()) {
            points += rules.newAccountPoints();
            reasons.add("account is " + accountHours + " hours old and the order total is " + orderTotal);
        }
        if (profile.failedInRow() >= rules.failedPaymentsInARow()) {
            points += Math.min(rules.failedPaymentsMaxPoints(), profile.failedInRow() * rules.pointsPerFailedPayment());
            reasons.add(profile.failedInRow() + " failed payments in a row");
        }
        int score = Math.min(100, points);
        String level = score >= rules.highAt() ? HIGH : score >= rules.mediumAt() ? MEDIUM : LOW;
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("ordersIn10Minutes", in10);
        inputs.put("ordersIn24Hours", in24);
        inputs.put("orderTotal", orderTotal);
        inputs.put("averageOrderTotal", historyAverage);
        inputs.put("accountAgeHours", accountHours == null ? "unknown" : accountHours);
        inputs.put("failedPaymentsInARow", profile.failedInRow());
        return new RiskScore(score, level, reasons, inputs);
    }
}
