package dev.backplane.agents.fraud;

import dev.backplane.core.json.Json;

/**
 * The fraud agent's thresholds and weights. Configuration, not code: FRAUD_RULES (JSON) locally, the SSM parameter
 * named by FRAUD_RULES_PARAMETER on AWS; fields left out keep these defaults. {@code version} names the ruleset in
 * every decision. Points add up to the score (0-100); {@code mediumAt}/{@code highAt} turn it into a level.
 * The defaults need failed payments to reach {@code high}: a busy but paying customer is at most medium.
 */
public record FraudRules(String version, int ordersIn10Minutes, int ordersIn10MinutesPoints, int ordersIn24Hours,
                         int ordersIn24HoursPoints, double amountSpikeFactor, int amountSpikeMinHistory, int amountSpikePoints,
                         int newAccountHours, long newAccountLargeOrder, int newAccountPoints, int failedPaymentsInARow,
                         int pointsPerFailedPayment, int failedPaymentsMaxPoints, int mediumAt, int highAt) {
    public static final FraudRules DEFAULTS = new FraudRules("rules-2026-11", 5, 25, 20, 10, 5.0, 3, 20, 24, 50_000, 15,
        2, 20, 60, 40, 75);

    /** The defaults overlaid with the fields of {@code json} (null or blank: the defaults). */
    public static FraudRules from(String json) {
        if (json == null || json.isBlank()) return DEFAULTS;
        var merged = (tools.jackson.databind.node.ObjectNode) Json.toTree(DEFAULTS);
        Json.tree(json).properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        return Json.convert(merged, FraudRules.class);
    }
}
