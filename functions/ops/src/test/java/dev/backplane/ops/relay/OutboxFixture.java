package dev.backplane.ops.relay;

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
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** A fresh copy of the template's AppTable with outbox items written by the real {@link UnitOfWork}. */
final class OutboxFixture {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final String table = LocalDynamo.newAppTable();
    private final EventBusPublisher publisher;
    private final OutboxItems items;

    OutboxFixture(RecordingEventBridge bridge) {
        Map<String, String> env = new HashMap<>(LocalDynamo.environment(table));
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", bridge.endpoint());
        publisher = new EventBusPublisher(new AwsClients(Config.of(env)).client(EventBridgeClient.builder(), "EVENTBRIDGE"), "backplane-test");
        items = new OutboxItems(dynamo, table);
    }

    EventBusPublisher publisher() { return publisher; }

    OutboxItems items() { return items; }

    DynamoDbClient dynamo() { return dynamo; }

    String table() { return table; }

    List<EventEnvelope> write(int n) { return write(n, Clock.systemUTC()); }

    List<EventEnvelope> write(int n, Clock clock) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UnitOfWork uow = new UnitOfWork(table, "backplane.test", new Trace("corr-12345678", "req-" + i, Actor.SYSTEM), clock);
            events.add(uow.publish(NewEvent.of("thing.created", new Subject("thing", "t" + i), Map.of("i", i))));
            uow.commit(dynamo);
        }
        return events;
    }

    Optional<Map<String, AttributeValue>> waiting(EventEnvelope e) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Items.key("OUTBOX#" + e.id(), "OUTBOX"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
