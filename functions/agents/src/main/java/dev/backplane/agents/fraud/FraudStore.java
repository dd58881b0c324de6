package dev.backplane.agents.fraud;

import dev.backplane.agents.kernel.Decision;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.util.List;
import java.util.Optional;

/** Port: the fraud agent's projection and decisions. */
public interface FraudStore {
    FraudProfile profile(String userId);

    Optional<OrderRisk> order(String orderId);

    /**
     * Stores the new profile (if its version still matches), the order note, the decision and its events in one
     * transaction. Returns false, writing nothing, when this decision was already recorded (a redelivered event).
     */
    boolean record(FraudProfile profile, OrderRisk order, Decision decision, List<NewEvent> events, Trace trace);

    /** Projection-only change (no decision), e.g. the registration time of an account. */
    void save(FraudProfile profile);
}
