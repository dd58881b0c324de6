package dev.backplane.ops.domain;

import dev.backplane.core.event.EventEnvelope;
import java.util.List;

/** Port: every domain event, kept by correlation id so one request's whole causal chain can be read back. */
public interface TraceStore {
    /** Stores the event; storing the same event id again changes nothing. */
    void record(EventEnvelope event);

    /** The chain's events in the order they occurred. */
    List<EventEnvelope> byCorrelationId(String correlationId, int limit);
}
