package dev.backplane.agents.kernel;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import java.util.List;
import java.util.Map;

/** The kernel's own event: every decision is published, so it shows in the admin live feed and in the trace. */
public final class AgentEvents {
    public static final String SOURCE = "backplane.agents";

    public record Decided(String decisionId, String agent, List<String> inputEventIds, Map<String, Object> output,
                          List<String> reasons, String version, double latencyMs) {}

    private AgentEvents() {}

    public static NewEvent decided(Decision d) {
        return NewEvent.of("agent.decided", new Subject("agent", d.agent()), new Decided(d.id(), d.agent(), d.inputEventIds(),
            d.output(), d.reasons(), d.version(), d.latencyMicros() / 1000.0));
    }
}
