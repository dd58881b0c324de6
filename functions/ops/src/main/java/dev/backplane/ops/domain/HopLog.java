package dev.backplane.ops.domain;

import dev.backplane.core.trace.Hop;
import java.util.List;

/** Port: the hops functions recorded for one correlation id, in time order. */
public interface HopLog {
    HopLog NONE = (correlationId, limit) -> List.of();

    List<Hop> byCorrelationId(String correlationId, int limit);
}
