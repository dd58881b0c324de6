package dev.backplane.ops.domain;

import dev.backplane.core.event.EventEnvelope;
import java.util.List;

/** Port: where replayed events go — the bus (every rule) or one consumer's queue. Returns the events that failed. */
public interface ReplayTarget {
    List<EventEnvelope> send(List<EventEnvelope> events);
}
