package dev.backplane.core.trace;

import java.time.Instant;

/**
 * One step a function took for one request or event of a chain: {@code name} is the function, consumer or agent,
 * {@code eventId}/{@code eventType} the event it handled (absent for an HTTP call), {@code connections} how many
 * WebSocket connections a push reached (push hops only), {@code detail} a short human line (no personal data).
 */
public record Hop(String correlationId, String name, HopKind kind, Instant startedAt, long durationMs,
                  String eventId, String eventType, String detail, Integer connections) {

    public static Hop of(String correlationId, String name, HopKind kind, Instant startedAt, long durationMs) {
        return new Hop(correlationId, name, kind, startedAt, durationMs, null, null, null, null);
    }

    public Hop forEvent(String id, String type) {
        return new Hop(correlationId, name, kind, startedAt, durationMs, id, type, detail, connections);
    }

    public Hop withDetail(String text) {
        return new Hop(correlationId, name, kind, startedAt, durationMs, eventId, eventType, text, connections);
    }

    public Hop withConnections(int count) {
        return new Hop(correlationId, name, kind, startedAt, durationMs, eventId, eventType, detail, count);
    }
}
