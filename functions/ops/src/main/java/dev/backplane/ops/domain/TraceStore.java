package dev.backplane.ops.domain;

import dev.backplane.core.event.EventEnvelope;
import java.time.Instant;
import java.util.List;

/** Port: every domain event, kept by correlation id so one request's whole causal chain can be read back. */
public interface TraceStore {
    /**
     * An event as the event store saw it: {@code deliveredAt} is when EventBridge put it on the store's queue (SQS
     * SentTimestamp; null when unknown), {@code recordedAt} when it was stored.
     */
    record Recorded(EventEnvelope event, Instant deliveredAt, Instant recordedAt) {}

    /** Stores the event; storing the same event id again changes nothing. */
    void record(EventEnvelope event, Instant deliveredAt, Instant recordedAt);

    default void record(EventEnvelope event) { record(event, null, null); }

    /** Stores a consumer batch's events; the same rules as {@link #record(EventEnvelope, Instant, Instant)}. */
    default void recordAll(List<Recorded> events) { events.forEach(r -> record(r.event(), r.deliveredAt(), r.recordedAt())); }

    /** The chain's events in the order they occurred. */
    default List<EventEnvelope> byCorrelationId(String correlationId, int limit) {
        return recordedByCorrelationId(correlationId, limit).stream().map(Recorded::event).toList();
    }

    List<Recorded> recordedByCorrelationId(String correlationId, int limit);
}
