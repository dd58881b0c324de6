package dev.backplane.ops.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A paid order's trace: request → placed → checkout → payment (webhook) → saga → paid → fulfilled, hop by hop in order. */
class TimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aPaidOrderShowsItsHopsInOrderWithTimings() {
        List<TraceStore.Recorded> chain = new ArrayList<>();
        EventEnvelope placed = event("order.placed", "backplane.orders", "req-1", 0);
        EventEnvelope session = event("checkout.session_created", "backplane.billing", "req-2", 2_000);
        EventEnvelope succeeded = event("payment.succeeded", "backplane.billing", "webhook-1", 30_000);
        EventEnvelope paid = event("order.paid", "backplane.orders", succeeded.id(), 30_400);
        EventEnvelope fulfilled = event("order.fulfilled", "backplane.orders", paid.id(), 30_900);
        for (EventEnvelope e : List.of(placed, session, succeeded, paid, fulfilled)) {
            chain.add(new TraceStore.Recorded(e, e.occurredAt().plusMillis(150), e.occurredAt().plusMillis(200)));
        }

        List<Timeline.Hop> hops = Timeline.of(chain);

        assertTrue(hops.size() >= 6, "hops: " + hops);
        for (int i = 1; i < hops.size(); i++) assertTrue(!hops.get(i).startedAt().isBefore(hops.get(i - 1).startedAt()), "in time order");
        Timeline.Hop saga = hops.stream().filter(h -> h.eventType().equals("order.paid") && h.kind().equals("consumer")).findFirst().orElseThrow();
        assertEquals(250L, saga.afterMs(), "the saga committed order.paid 250 ms after payment.succeeded reached its queue");
        Timeline.Hop bus = hops.stream().filter(h -> h.eventType().equals("order.placed") && h.kind().equals("bus")).findFirst().orElseThrow();
        assertEquals(150L, bus.afterMs());
        assertEquals("request", hops.getFirst().kind());
    }

    /** Hops the functions recorded join the derived ones in start order, with their own durations and offsets. */
    @Test
    void recordedHopsMergeWithDerivedOnesByStartTime() {
        EventEnvelope placed = event("order.placed", "backplane.orders", "req-1", 40);
        List<TraceStore.Recorded> chain = List.of(new TraceStore.Recorded(placed, T0.plusMillis(300), T0.plusMillis(320)));
        List<Hop> recorded = List.of(
            Hop.of("corr-1", "placeOrder", HopKind.HTTP, T0, 55),
            Hop.of("corr-1", "outbox-relay", HopKind.RELAY, T0.plusMillis(120), 30).forEvent(placed.id(), placed.type()),
            Hop.of("corr-1", "realtime-push", HopKind.PUSH, T0.plusMillis(310), 12).forEvent(placed.id(), placed.type()).withConnections(2));

        List<Timeline.Hop> hops = Timeline.merge(chain, recorded);

        assertEquals(List.of("http", "request", "bus", "relay", "archive", "push"), hops.stream().map(Timeline.Hop::kind).toList());
        Timeline.Hop http = hops.getFirst();
        assertEquals(55L, http.durationMs());
        assertEquals(0L, http.offsetMs());
        assertEquals(Timeline.RECORDED, http.origin());
        Timeline.Hop relay = hops.get(3);
        assertEquals(80L, relay.afterMs(), "the relay started 80 ms after order.placed was committed");
        assertEquals(120L, relay.offsetMs());
        assertEquals(T0.plusMillis(150), relay.at());
        Timeline.Hop push = hops.getLast();
        assertEquals(2, push.connections());
        assertEquals(Timeline.DERIVED, hops.get(1).origin());
    }

    private static EventEnvelope event(String type, String source, String causation, long atMillis) {
        EventEnvelope e = EventEnvelope.wrap(NewEvent.of(type, new Subject("order", "ord-1"), Map.of("orderId", "ord-1")), source,
            new Trace("corr-1", causation, new Actor("user-alice", List.of("user"))), T0.plusMillis(atMillis));
        return e;
    }
}
