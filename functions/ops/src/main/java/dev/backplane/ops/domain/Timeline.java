package dev.backplane.ops.domain;

import dev.backplane.core.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request's path through the system. Two sources, merged: hops <em>derived</em> from the chain's events (each
 * event was committed by a request or by a consumer handling an earlier event, travelled stream → relay → bus →
 * queue, and was archived) and hops the functions <em>recorded</em> themselves with their own timings (HTTP calls,
 * outbox wait, relay, consumers, agents, notifications, WebSocket pushes). Ordered by start time.
 */
public final class Timeline {
    private Timeline() {}

    /**
     * {@code kind}: derived hops are request, consumer, bus, archive; recorded hops http, outbox, relay, bus, consumer,
     * agent, notification, push. {@code service}: the function, consumer or agent. {@code at}: when the hop ended,
     * {@code startedAt} when it began, {@code durationMs} between the two. {@code afterMs}: derived hops, the time since
     * the previous hop of this path; recorded hops, the time from the event's commit to the hop's start (null without an
     * event). {@code offsetMs}: start relative to the trace's first hop. {@code origin}: derived or recorded.
     * {@code connections}: push hops, the WebSocket connections reached.
     */
    public record Hop(Instant at, String kind, String service, String eventType, String eventId, String detail, Long afterMs,
                      Instant startedAt, Long durationMs, Long offsetMs, String origin, Integer connections) {
        Hop withOffset(Instant traceStart) {
            return new Hop(at, kind, service, eventType, eventId, detail, afterMs, startedAt, durationMs,
                millis(traceStart, startedAt), origin, connections);
        }
    }

    public static final String DERIVED = "derived";
    public static final String RECORDED = "recorded";

    /** The hops derived from the chain's events alone, ordered by start. */
    public static List<Hop> of(List<TraceStore.Recorded> chain) { return merge(chain, List.of()); }

    /** Derived and recorded hops together, ordered by start (then end), each with its offset from the first. */
    public static List<Hop> merge(List<TraceStore.Recorded> chain, List<dev.backplane.core.trace.Hop> recorded) {
        Map<String, TraceStore.Recorded> byId = new HashMap<>();
        chain.forEach(r -> byId.put(r.event().id(), r));
        List<Hop> hops = new ArrayList<>();
        for (TraceStore.Recorded r : chain) {
            EventEnvelope e = r.event();
            String service = e.source().substring("backplane.".length());
            TraceStore.Recorded cause = byId.get(e.causationId());
            if (cause == null) {
                hops.add(derived(e.occurredAt(), e.occurredAt(), "request", service, e, "request " + e.causationId() + " committed " + e.type()));
            } else {
                Instant causeArrived = cause.deliveredAt() != null ? cause.deliveredAt() : cause.event().occurredAt();
                hops.add(derived(causeArrived, e.occurredAt(), "consumer", service, e,
                    service + " handled " + cause.event().type() + " and committed " + e.type()));
            }
            if (r.deliveredAt() != null) {
                hops.add(derived(e.occurredAt(), r.deliveredAt(), "bus", "eventbridge", e, "outbox → stream → relay → bus → queue"));
            }
            if (r.recordedAt() != null) {
                hops.add(derived(r.deliveredAt() != null ? r.deliveredAt() : e.occurredAt(), r.recordedAt(), "archive", "event-store", e, "archived"));
            }
        }
        for (dev.backplane.core.trace.Hop h : recorded) {
            TraceStore.Recorded event = h.eventId() == null ? null : byId.get(h.eventId());
            Long afterMs = event == null ? null : millis(event.event().occurredAt(), h.startedAt());
            hops.add(new Hop(h.startedAt().plusMillis(h.durationMs()), h.kind().wire(), h.name(), h.eventType(), h.eventId(), h.detail(),
                afterMs, h.startedAt(), h.durationMs(), null, RECORDED, h.connections()));
        }
        hops.sort(Comparator.comparing(Hop::startedAt).thenComparing(Hop::at));
        if (hops.isEmpty()) return hops;
        Instant start = hops.getFirst().startedAt();
        return hops.stream().map(h -> h.withOffset(start)).toList();
    }

    private static Hop derived(Instant from, Instant to, String kind, String service, EventEnvelope e, String detail) {
        Long after = kind.equals("request") ? null : millis(from, to);
        return new Hop(to, kind, service, e.type(), e.id(), detail, after, from, millis(from, to), null, DERIVED, null);
    }

    private static long millis(Instant from, Instant to) { return Math.max(0, Duration.between(from, to).toMillis()); }
}
