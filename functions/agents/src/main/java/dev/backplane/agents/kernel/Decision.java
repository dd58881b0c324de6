package dev.backplane.agents.kernel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an agent decided, with everything needed to explain it later: the events it read, the inputs it used, its
 * output, the reasons in words, the ruleset (or model) version and how long deciding took. Stored as an agent
 * decision item and published as {@code agent.decided}.
 */
public record Decision(String agent, String version, List<String> inputEventIds, Map<String, Object> inputs,
                       Map<String, Object> output, List<String> reasons, long latencyMicros, Instant decidedAt) {
    public Decision {
        inputEventIds = List.copyOf(inputEventIds);
        inputs = Map.copyOf(inputs);
        output = Map.copyOf(output);
        reasons = List.copyOf(reasons);
    }

    /** The decision id: one per agent and triggering event, so a redelivered event cannot be decided twice. */
    public String id() { return agent + ":" + inputEventIds.getFirst(); }
}
