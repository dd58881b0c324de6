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
 * One request's path through the system, rebuilt from its events: each event was committed (state + outbox) by a
 * request or by a consumer handling an earlier event of the chain, travelled stream → relay → bus → queue, and was
 * archived. Each hop carries the time since the hop before it on the same path.
 */
public final class Timeline {
    private Timeline() {}

    /** {@code kind}: request, consumer, bus, archive. {@code afterMs}: time since the previous hop of this path. */
    public record Hop(Instant at, String kind, String service, String eventType, String eventId, String detail, Long afterMs) {}

    public static List<Hop> of(List<TraceStore.Recorded> chain) {
        Map<String, TraceStore.Recorded> byId = new HashMap<>();
        chain.forEach(r -> byId.put(r.event().id(), r));
        List<Hop> hops = new ArrayList<>();
        for (TraceStore.Recorded r : chain) {
            EventEnvelope e = r.event();
            String service = e.source().substring("backplane.".length());
            TraceStore.Recorded cause = byId.get(e.causationId());
            if (cause == null) {
                hops.add(new Hop(e.occurredAt(), "request", service, e.type(), e.id(), "request " + e.causationId() + " committed " + e.type(), null));
            } else {
                Instant causeArrived = cause.deliveredAt() != null ? cause.deliveredAt() : cause.event().occurredAt();
                hops.add(new Hop(e.occurredAt(), "consumer", service, e.type(), e.id(),
                    service + " handled " + cause.event().type() + " and committed " + e.type(), millis(causeArrived, e.occurredAt())));
            }
            if (r.deliveredAt() != null) {
                hops.add(new Hop(r.deliveredAt(), "bus", "eventbridge", e.type(), e.id(), "outbox → stream → relay → bus → queue",
                    millis(e.occurredAt(), r.deliveredAt())));
            }
            if (r.recordedAt() != null) {
                hops.add(new Hop(r.recordedAt(), "archive", "event-store", e.type(), e.id(), "archived",
                    millis(r.deliveredAt() != null ? r.deliveredAt() : e.occurredAt(), r.recordedAt())));
            }
        }
        hops.sort(Comparator.comparing(Hop::at));
        return hops;
    }

    private static long millis(Instant from, Instant to) { return Math.max(0, Duration.between(from, to).toMillis()); }
}
