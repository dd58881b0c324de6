package dev.backplane.agents.store;

import dev.backplane.agents.kernel.AgentEvents;
import dev.backplane.agents.kernel.Decision;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.UnitOfWork;
import java.time.Duration;

/**
 * Agent decision items ({@code pk=AGENT#DECISION#<agent>:<event id>}, listed per agent newest last through gsi1
 * {@code AGENT#<agent>#DECISIONS}). Written only if absent, so a decision and its events exist once per input event.
 */
final class DecisionItems {
    static final String LABEL = "decision";
    static final Duration RETENTION = Duration.ofDays(90);

    private DecisionItems() {}

    static void add(UnitOfWork uow, Decision d) {
        uow.put(LABEL, Items.map().put("pk", "AGENT#DECISION#" + d.id()).put("sk", "DECISION").put("agent", d.agent())
            .put("version", d.version()).put("inputEventIds", Items.list(d.inputEventIds()))
            .put("inputs", Json.write(d.inputs())).put("output", Json.write(d.output())).put("reasons", Items.list(d.reasons()))
            .put("latencyMicros", d.latencyMicros()).put("decidedAt", d.decidedAt().toString())
            .put("gsi1pk", "AGENT#" + d.agent() + "#DECISIONS").put("gsi1sk", d.decidedAt() + "#" + d.id())
            .put("expiresAt", d.decidedAt().plus(RETENTION).getEpochSecond()).build(), Condition.notExists());
        uow.publish(AgentEvents.decided(d));
    }
}
