package dev.backplane.agents.fraud;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import java.util.List;

/** The fraud agent's events (docs/events.md). */
public final class FraudEvents {
    public record Assessed(String orderId, String userId, int score, String level, List<String> reasons, String rulesetVersion) {}

    public record FlagRequested(String orderId, String userId, int score, List<String> reasons) {}

    private FraudEvents() {}

    public static NewEvent assessed(OrderRisk order, RiskScore risk, String version) {
        return NewEvent.of("fraud.assessed", new Subject("order", order.orderId()),
            new Assessed(order.orderId(), order.userId(), risk.score(), risk.level(), risk.reasons(), version));
    }

    public static NewEvent flagRequested(OrderRisk order, RiskScore risk) {
        return NewEvent.of("order.flag_requested", new Subject("order", order.orderId()),
            new FlagRequested(order.orderId(), order.userId(), risk.score(), risk.reasons()));
    }
}
