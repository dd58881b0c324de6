package dev.backplane.agents.kernel;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Times an agent's deciding (the pure part, without I/O) and stamps the decision. */
public final class DecisionClock {
    private final Clock clock;
    private final long startedNanos = System.nanoTime();

    public DecisionClock(Clock clock) { this.clock = clock; }

    public Decision decided(String agent, String version, List<String> inputEventIds, Map<String, Object> inputs,
                            Map<String, Object> output, List<String> reasons) {
        long micros = (System.nanoTime() - startedNanos) / 1_000;
        return new Decision(agent, version, inputEventIds, inputs, output, reasons, micros, clock.instant());
    }
}
