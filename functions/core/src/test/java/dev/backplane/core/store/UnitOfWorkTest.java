package dev.backplane.core.store;

import static dev.backplane.core.store.Items.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class UnitOfWorkTest {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final String table = LocalDynamo.newAppTable();
    private final Trace trace = new Trace("corr-12345678", "req-1", new Actor("u1", List.of("user")));

    @Test
    void stateAndOutboxItemAreWrittenTogether() {
        UnitOfWork uow = new UnitOfWork(table, "backplane.test", trace, Clock.systemUTC());
        uow.put("thing", Items.map().put("pk", "THING#1").put("sk", "THING").put("version", 1).build(), Condition.notExists());
        EventEnvelope event = uow.publish(NewEvent.of("thing.created", new Subject("thing", "1"), Map.of("n", 1)));
        uow.commit(dynamo);

        assertEquals(1, count("THING#1"));
        var outbox = dynamo.getItem(b -> b.tableName(table).key(Items.key("OUTBOX#" + event.id(), "OUTBOX"))).item();
        assertEquals(event, EventEnvelope.fromJson(outbox.get("event").s()));
        assertTrue(Long.parseLong(outbox.get("expiresAt").n()) > System.currentTimeMillis() / 1000);
    }

    @Test
    void aFailedConditionWritesNothingAndNamesTheCondition() {
        UnitOfWork first = new UnitOfWork(table, "backplane.test", trace, Clock.systemUTC());
        first.put("thing", Items.map().put("pk", "THING#2").put("sk", "THING").put("version", 1).build(), Condition.notExists());
        first.commit(dynamo);

        UnitOfWork stale = new UnitOfWork(table, "backplane.test", trace, Clock.systemUTC());
        stale.put("other", Items.map().put("pk", "THING#3").put("sk", "THING").build(), Condition.notExists());
        stale.update("thing-v0", Items.key("THING#2", "THING"), new Mutation("SET #version = :next",
            "#version = :expected", Map.of("#version", "version"), Map.of(":next", n(2), ":expected", n(0))));
        EventEnvelope event = stale.publish(NewEvent.of("thing.changed", new Subject("thing", "2"), Map.of()));
        TransactionFailedException e = assertThrows(TransactionFailedException.class, () -> stale.commit(dynamo));

        assertEquals(List.of("thing-v0"), e.failedLabels());
        assertEquals(0, count("THING#3"));
        assertEquals(0, count("OUTBOX#" + event.id()));
    }

    private int count(String pk) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", Items.s(pk)))).count();
    }
}
