package dev.backplane.agents.fraud;

import dev.backplane.agents.kernel.Decision;
import dev.backplane.agents.kernel.DecisionClock;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Scores orders as their events arrive ({@code order.placed}, {@code payment.failed}, {@code payment.succeeded}),
 * from its own projection only. Every score is a decision ({@code fraud.assessed}); a {@code high} one also asks
 * the orders domain to hold the order for review ({@code order.flag_requested}), once per order.
 */
public final class FraudAgent {
    public static final String NAME = "fraud";
    private static final Logger LOG = LoggerFactory.getLogger(FraudAgent.class);
    private final FraudStore store;
    private final Supplier<FraudRules> rules;
    private final Clock clock;

    public FraudAgent(FraudStore store, Supplier<FraudRules> rules, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    /** The decision taken for {@code event}, if it was one to decide on (and not already decided). */
    public Optional<Decision> handle(EventEnvelope event) {
        JsonNode data = event.data();
        return switch (event.type()) {
            case "user.registered" -> {
                String userId = data.path("userId").asString(null);
                if (userId != null) store.save(store.profile(userId).registered(event.occurredAt()));
                yield Optional.empty();
            }
            case "order.placed" -> {
                OrderRisk order = new OrderRisk(data.path("orderId").asString(), data.path("userId").asString(),
                    data.path("total").asLong(0), data.path("currency").asString(""), false);
                FraudProfile before = store.profile(order.userId());
                yield decide(event, order, before.withOrder(event.occurredAt(), order.total()), before.averageAmount());
            }
            case "payment.failed", "payment.succeeded" -> {
                String orderId = data.path("orderId").asString(null);
                if (orderId == null) yield Optional.empty(); // a credit pack: not an order to score
                Optional<OrderRisk> order = store.order(orderId);
                if (order.isEmpty()) {
                    // its order.placed is still on its way (queues do not keep order): let SQS deliver this again later
                    throw new IllegalStateException(event.type() + " for order " + orderId + " arrived before its order.placed");
                }
                FraudProfile before = store.profile(order.get().userId());
                FraudProfile after = event.type().equals("payment.failed") ? before.withFailedPayment() : before.withSucceededPayment();
                long others = before.orderCount() - 1;
                long average = others <= 0 ? -1 : (before.amountSum() - order.get().total()) / others;
                yield decide(event, order.get(), after, average);
            }
            default -> Optional.empty();
        };
    }

    private Optional<Decision> decide(EventEnvelope event, OrderRisk order, FraudProfile profile, long average) {
        DecisionClock timer = new DecisionClock(clock);
        FraudRules ruleset = rules.get();
        RiskScore risk = RiskScore.of(profile, order.total(), average, event.occurredAt(), ruleset);
        boolean flag = RiskScore.HIGH.equals(risk.level()) && !order.flagRequested();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("orderId", order.orderId());
        output.put("score", risk.score());
        output.put("level", risk.level());
        output.put("flagRequested", flag);
        Map<String, Object> inputs = new LinkedHashMap<>(risk.inputs());
        inputs.put("event", event.type());
        Decision decision = timer.decided(NAME, ruleset.version(), List.of(event.id()), inputs, output, risk.reasons());
        List<NewEvent> events = new ArrayList<>();
        events.add(FraudEvents.assessed(order, risk, ruleset.version()));
        if (flag) events.add(FraudEvents.flagRequested(order, risk));
        boolean fresh = store.record(profile, flag ? order.flagged() : order, decision, events, Trace.causedBy(event, Actor.SYSTEM));
        if (fresh && flag) LOG.info("order {} flagged for review: score {}", order.orderId(), risk.score());
        return fresh ? Optional.of(decision) : Optional.empty();
    }
}
