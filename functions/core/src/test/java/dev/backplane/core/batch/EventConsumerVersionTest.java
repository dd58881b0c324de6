package dev.backplane.core.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.EventTypes;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.event.TypedEvent;
import dev.backplane.core.json.Json;
import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopKind;
import dev.backplane.core.trace.HopRecorder;
import dev.backplane.core.trace.Hops;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.node.ObjectNode;

/**
 * A consumer must not guess at a major version it was not written for: such a message fails (so SQS dead-letters it
 * after its retries) while the rest of the batch is handled; replayed events parse to the same envelope; typed
 * payloads ignore fields added later (a compatible change).
 */
class EventConsumerVersionTest {
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Placed(String orderId, long total) {}

    private final List<EventEnvelope> handled = new ArrayList<>();

    @Test
    void anUnknownMajorVersionFailsOnlyItsMessage() {
        EventConsumer consumer = EventConsumer.naturallyIdempotent("test", handled::add);
        SQSBatchResponse r = consumer.apply(MessageBuilder.withPayload(batch(event(1), event(2))).build());
        assertEquals(List.of("m-2"), r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(1, handled.size());

        handled.clear();
        assertTrue(consumer.acceptingVersions("order.placed", 2).apply(MessageBuilder.withPayload(batch(event(2))).build())
            .getBatchItemFailures().isEmpty());
        assertTrue(consumer.acceptingAnyVersion().apply(MessageBuilder.withPayload(batch(event(7))).build()).getBatchItemFailures().isEmpty());
        assertEquals(2, handled.size());
    }

    @Test
    void hopsRecordedByTheHandlerJoinTheBatchsOneWrite() {
        List<List<Hop>> writes = new ArrayList<>();
        Hops.use(writes::add);
        try {
            EventConsumer.naturallyIdempotent("test", e -> Hops.record(Hop.of(e.correlationId(), "push", HopKind.PUSH, Instant.now(), 1)))
                .apply(MessageBuilder.withPayload(batch(event(1), event(1))).build());
        } finally {
            Hops.use(HopRecorder.NONE);
        }
        assertEquals(1, writes.size(), "one write per batch");
        assertEquals(4, writes.getFirst().size(), "two push hops and two consumer hops: " + writes);
    }

    @Test
    void aBatchRecordsTheHopsOfAllItsEventsInOneWrite() {
        List<List<Hop>> writes = new ArrayList<>();
        Hops.use(writes::add);
        try {
            EventConsumer.naturallyIdempotent("test", handled::add).apply(MessageBuilder.withPayload(batch(event(1), event(2))).build());
        } finally {
            Hops.use(HopRecorder.NONE);
        }
        assertEquals(1, writes.size(), "one write per batch");
        assertEquals(List.of("handled", "failed"), writes.getFirst().stream().map(Hop::detail).toList());
    }

    @Test
    void typedConsumersGetTheirRecordAndSkipOtherTypes() {
        List<TypedEvent<?>> typed = new ArrayList<>();
        EventTypes types = EventTypes.of().with("order.placed", 1, Placed.class);
        EventConsumer consumer = EventConsumer.typed("typed", null, Duration.ZERO, types, typed::add);
        ObjectNode withNewField = (ObjectNode) Json.tree(event(1).toJson());
        ((ObjectNode) withNewField.get("data")).put("addedLater", true);
        SQSBatchResponse r = consumer.apply(MessageBuilder.withPayload(batch(EventEnvelope.fromTree(withNewField), other(), event(3))).build());
        assertEquals(List.of("m-3"), r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(List.of(new Placed("o-1", 1200)), typed.stream().map(TypedEvent::data).toList());
    }

    @Test
    void aReplayedEventIsTheSameEnvelope() {
        EventEnvelope e = event(1);
        ObjectNode detail = (ObjectNode) Json.tree(e.toJson());
        detail.put("replay", true);
        String body = Json.write(Json.object().put("detail-type", e.type()).set("detail", detail));
        assertEquals(e, EventConsumer.envelopeOf(body));
        assertTrue(EventConsumer.isReplay(body));
    }

    private static EventEnvelope event(int version) {
        EventEnvelope v1 = EventEnvelope.wrap(NewEvent.of("order.placed", new Subject("order", "o-1"), Map.of("orderId", "o-1", "total", 1200)),
            "backplane.orders", Trace.startedBy(Actor.SYSTEM), Instant.parse("2026-11-30T10:00:00Z"));
        return new EventEnvelope(v1.id(), v1.type(), version, v1.source(), v1.occurredAt(), v1.correlationId(), v1.causationId(),
            v1.actor(), v1.subject(), v1.data());
    }

    private static EventEnvelope other() {
        return EventEnvelope.wrap(NewEvent.of("user.registered", new Subject("user", "u"), Map.of("userId", "u")), "backplane.identity",
            Trace.startedBy(Actor.SYSTEM), Instant.parse("2026-11-30T10:00:00Z"));
    }

    private static SQSEvent batch(EventEnvelope... events) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (EventEnvelope e : events) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m-" + e.version());
            m.setBody(Json.write(Json.object().put("detail-type", e.type()).put("source", e.source()).set("detail", Json.tree(e.toJson()))));
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
