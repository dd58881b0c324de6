package dev.backplane.ops.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.RecordingEventBridge;
import dev.backplane.core.testing.StreamRecords;
import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DynamoDB Local stream → relay → a real PutEvents endpoint. */
class OutboxRelayTest {
    private final RecordingEventBridge bridge = new RecordingEventBridge();
    private final OutboxFixture outbox = new OutboxFixture(bridge);
    private final List<Hop> hops = new CopyOnWriteArrayList<>();
    private final OutboxRelay relay = new OutboxRelay(outbox.publisher(), outbox.items(), hops::addAll);

    @AfterEach
    void stop() { bridge.close(); }

    @Test
    void relaysOutboxInsertsInBatchesOfTenAndDeletesThem() {
        List<EventEnvelope> written = outbox.write(23);
        StreamsEventResponse response = relay.relay(StreamRecords.readAll(outbox.table()));

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(3, bridge.calls(), "23 events need 3 PutEvents calls of <= 10 entries");
        assertEquals(23, bridge.accepted().size());
        // chunks go out in parallel: EventBridge promises no order, so find the entry by event id
        var first = bridge.accepted().stream()
            .filter(e -> EventEnvelope.fromJson(e.get("Detail").asString()).id().equals(written.getFirst().id())).findFirst().orElseThrow();
        assertEquals("backplane-test", first.get("EventBusName").asString());
        assertEquals("backplane.test", first.get("Source").asString());
        assertEquals("thing.created", first.get("DetailType").asString());
        assertEquals(written.getFirst(), EventEnvelope.fromJson(first.get("Detail").asString()));
        for (EventEnvelope e : written) assertTrue(outbox.waiting(e).isEmpty(), "relayed item deleted");
        assertTrue(outbox.items().oldest().isEmpty(), "nothing left in the outbox index");
        // each relayed event: its wait in the outbox and the publish, under the event's own correlation id
        assertEquals(46, hops.size());
        Hop relayed = hops.stream().filter(h -> h.kind() == HopKind.RELAY && h.eventId().equals(written.getFirst().id())).findFirst().orElseThrow();
        assertEquals(written.getFirst().correlationId(), relayed.correlationId());
        assertTrue(relayed.durationMs() >= 0);
        Hop waited = hops.stream().filter(h -> h.kind() == HopKind.OUTBOX && h.eventId().equals(written.getFirst().id())).findFirst().orElseThrow();
        assertEquals(written.getFirst().occurredAt(), waited.startedAt());
    }

    @Test
    void transientlyRejectedEntriesAreRetried() {
        outbox.write(3);
        bridge.rejectNext(2);
        StreamsEventResponse response = relay.relay(StreamRecords.readAll(outbox.table()));
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(3, bridge.accepted().size());
    }

    @Test
    void persistentFailureCheckpointsAtTheFirstFailedRecordAndKeepsItsItem() {
        List<EventEnvelope> written = outbox.write(5);
        DynamodbEvent stream = StreamRecords.readAll(outbox.table());
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(stream.getRecords());
        bridge.rejectNext(1_000);
        StreamsEventResponse response = relay.relay(stream);

        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(records.getFirst().getDynamodb().getSequenceNumber(), response.getBatchItemFailures().getFirst().getItemIdentifier());
        assertTrue(bridge.accepted().isEmpty());
        for (EventEnvelope e : written) assertTrue(outbox.waiting(e).isPresent(), "unrelayed item kept for a retry or the sweeper");
        assertTrue(hops.isEmpty(), "no relay hop for what was not relayed");
    }

    @Test
    void ignoresNonOutboxRecords() {
        outbox.dynamo().putItem(b -> b.tableName(outbox.table()).item(Items.map().put("pk", "THING#x").put("sk", "THING").build()));
        StreamsEventResponse response = relay.relay(StreamRecords.readAll(outbox.table()));
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(0, bridge.calls());
    }
}
