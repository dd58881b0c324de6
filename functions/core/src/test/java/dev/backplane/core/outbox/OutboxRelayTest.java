package dev.backplane.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.UnitOfWork;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.core.testing.RecordingEventBridge;
import dev.backplane.core.testing.StreamRecords;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB Local stream → relay → a real PutEvents endpoint. */
class OutboxRelayTest {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final String table = LocalDynamo.newAppTable();
    private final RecordingEventBridge bridge = new RecordingEventBridge();
    private final OutboxRelay relay;

    OutboxRelayTest() {
        Map<String, String> env = new HashMap<>(LocalDynamo.environment(table));
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", bridge.endpoint());
        AwsClients clients = new AwsClients(Config.of(env));
        relay = new OutboxRelay(clients.eventBridge(), clients.dynamoDb(), table, "backplane-test");
    }

    @AfterEach
    void stop() { bridge.close(); }

    @Test
    void relaysOutboxInsertsInBatchesOfTenAndDeletesThem() {
        List<EventEnvelope> written = write(23);
        StreamsEventResponse response = relay.relay(StreamRecords.readAll(table));

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
        for (EventEnvelope e : written) {
            assertTrue(dynamo.getItem(b -> b.tableName(table).key(Items.key("OUTBOX#" + e.id(), "OUTBOX"))).item().isEmpty());
        }
    }

    @Test
    void transientlyRejectedEntriesAreRetried() {
        write(3);
        bridge.rejectNext(2);
        StreamsEventResponse response = relay.relay(StreamRecords.readAll(table));
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(3, bridge.accepted().size());
    }

    @Test
    void persistentFailureCheckpointsAtTheFirstFailedRecordAndKeepsItsItem() {
        List<EventEnvelope> written = write(5);
        DynamodbEvent stream = StreamRecords.readAll(table);
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(stream.getRecords());
        bridge.rejectNext(1_000);
        StreamsEventResponse response = relay.relay(stream);

        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(records.getFirst().getDynamodb().getSequenceNumber(), response.getBatchItemFailures().getFirst().getItemIdentifier());
        assertTrue(bridge.accepted().isEmpty());
        assertEquals(1, dynamo.getItem(b -> b.tableName(table).key(Items.key("OUTBOX#" + written.getFirst().id(), "OUTBOX"))).item().size() > 0 ? 1 : 0);
    }

    @Test
    void ignoresNonOutboxRecords() {
        dynamo.putItem(b -> b.tableName(table).item(Items.map().put("pk", "THING#x").put("sk", "THING").build()));
        StreamsEventResponse response = relay.relay(StreamRecords.readAll(table));
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(0, bridge.calls());
    }

    private List<EventEnvelope> write(int n) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UnitOfWork uow = new UnitOfWork(table, "backplane.test", new Trace("corr-12345678", "req-" + i, Actor.SYSTEM), Clock.systemUTC());
            events.add(uow.publish(NewEvent.of("thing.created", new Subject("thing", "t" + i), Map.of("i", i))));
            uow.commit(dynamo);
        }
        return events;
    }
}
