package dev.backplane.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {
    private final Trace trace = new Trace("corr-12345678", "req-1", new Actor("u1", List.of("user")));

    @Test
    void wrapsDomainEventWithTraceAndRoundTripsThroughJson() {
        EventEnvelope e = EventEnvelope.wrap(NewEvent.of("order.placed", new Subject("order", "o1"), Map.of("total", 1200)),
            "backplane.orders", trace, Instant.parse("2026-11-23T10:00:00Z"));
        String json = e.toJson();
        assertTrue(json.contains("\"occurredAt\":\"2026-11-23T10:00:00Z\""), json);
        EventEnvelope back = EventEnvelope.fromJson(json);
        assertEquals(e, back);
        assertEquals("corr-12345678", back.correlationId());
        assertEquals("req-1", back.causationId());
        assertEquals(1200, back.data().get("total").asInt());
    }

    @Test
    void causedByKeepsCorrelationAndChainsCausation() {
        EventEnvelope first = EventEnvelope.wrap(NewEvent.of("order.placed", new Subject("order", "o1"), Map.of()),
            "backplane.orders", trace, Instant.now());
        Trace next = Trace.causedBy(first, Actor.SYSTEM);
        assertEquals(first.correlationId(), next.correlationId());
        assertEquals(first.id(), next.causationId());
    }

    @Test
    void rejectsBadTypesSourcesAndData() {
        Subject s = new Subject("order", "o1");
        assertThrows(IllegalArgumentException.class, () -> NewEvent.of("OrderPlaced", s, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> NewEvent.of("order.", s, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new NewEvent("order.placed", 0, s, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> EventEnvelope.wrap(NewEvent.of("order.placed", s, Map.of()),
            "orders", trace, Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> EventEnvelope.wrap(NewEvent.of("order.placed", s, List.of(1)),
            "backplane.orders", trace, Instant.now()));
    }

    @Test
    void refusesEventsTooLargeForEventBridge() {
        EventEnvelope big = EventEnvelope.wrap(NewEvent.of("order.placed", new Subject("order", "o1"),
            Map.of("blob", "x".repeat(EventEnvelope.MAX_BYTES))), "backplane.orders", trace, Instant.now());
        assertThrows(IllegalArgumentException.class, big::toJson);
    }
}
