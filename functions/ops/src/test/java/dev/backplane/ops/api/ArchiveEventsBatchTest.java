package dev.backplane.ops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.config.Config;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.ops.OpsFunctions;
import dev.backplane.ops.domain.EventQuery;
import dev.backplane.ops.domain.TraceStore;
import dev.backplane.ops.store.DynamoEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event store's consumer stores a whole SQS batch in a few requests (more items than one batch write takes), keeps
 * the first delivery's timings on redelivery, takes duplicates within one batch, and fails only unreadable messages.
 */
class ArchiveEventsBatchTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private final String table = LocalDynamo.newAppTable();
    private final DynamoEventStore store = new DynamoEventStore(LocalDynamo.client(), table, Duration.ofDays(30));
    private final FunctionHarness functions = new FunctionHarness(new OpsFunctions(Config.of(LocalDynamo.environment(table))));

    @AfterEach
    void close() { functions.close(); }

    @Test
    void aBatchIsStoredWholeAndSearchableByEveryDimension() {
        List<EventEnvelope> events = IntStream.range(0, 10).mapToObj(this::event).toList();
        // ten events × six items (trace, chain, type, subject, day, user) is more than one batch write's 25
        SQSBatchResponse r = recordEvent(events, "1700000000000");
        assertEquals(List.of(), r.getBatchItemFailures());
        assertEquals(10, store.recordedByCorrelationId("corr-batch", 50).size());
        assertEquals(10, store.find(new EventQuery(List.of(), null, "user-alice", null, null, null), "user-admin", 50, null).items().size());
        for (EventEnvelope e : events) {
            assertEquals(1, store.find(new EventQuery(List.of(), "order:" + e.subject().id(), null, null, null, null), "user-admin", 5, null)
                .items().size(), e.subject().id());
        }
    }

    @Test
    void aRedeliveredEventKeepsItsFirstTimingsAndDuplicatesInOneBatchAreTaken() {
        EventEnvelope first = event(0);
        assertEquals(List.of(), recordEvent(List.of(first), "1700000000000").getBatchItemFailures());
        TraceStore.Recorded stored = store.recordedByCorrelationId("corr-batch", 5).getFirst();

        EventEnvelope second = event(1);
        assertEquals(List.of(), recordEvent(List.of(first, first, second), "1800000000000").getBatchItemFailures());
        Map<String, TraceStore.Recorded> chain = store.recordedByCorrelationId("corr-batch", 5).stream()
            .collect(java.util.stream.Collectors.toMap(r -> r.event().id(), r -> r));
        assertEquals(2, chain.size());
        assertEquals(Instant.ofEpochMilli(1700000000000L), stored.deliveredAt());
        assertEquals(stored.deliveredAt(), chain.get(first.id()).deliveredAt(), "the first delivery's timing stays");
        assertEquals(stored.recordedAt(), chain.get(first.id()).recordedAt());
        assertEquals(Instant.ofEpochMilli(1800000000000L), chain.get(second.id()).deliveredAt());
    }

    @Test
    void onlyTheUnreadableMessageFails() {
        var records = new ArrayList<>(List.of(record(event(0), "1700000000000", "m-0")));
        records.add(Json.object().put("messageId", "m-bad").put("eventSource", "aws:sqs").put("body", "{\"not\":\"an event\"}"));
        records.add(record(event(1), "1700000000000", "m-1"));
        SQSBatchResponse r = functions.invoke("recordEvent", SQSEvent.class, Json.write(Json.object().set("Records", Json.MAPPER.valueToTree(records))));
        assertEquals(List.of("m-bad"), r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(2, store.recordedByCorrelationId("corr-batch", 5).size());
        assertEquals(0, LocalDynamo.client().scan(b -> b.tableName(table)).items().stream()
            .filter(i -> Items.str(i, "event") != null && Items.str(i, "event").contains("an event")).count());
    }

    private EventEnvelope event(int i) {
        return EventEnvelope.wrap(NewEvent.of("order.placed", new Subject("order", "ord-" + i), Map.of("orderId", "ord-" + i, "userId", "user-alice")),
            "backplane.orders", new Trace("corr-batch", "req-" + i, new Actor("user-alice", List.of("user"))), T0.plusMillis(i));
    }

    private SQSBatchResponse recordEvent(List<EventEnvelope> events, String sentTimestamp) {
        var records = Json.MAPPER.createArrayNode();
        for (int i = 0; i < events.size(); i++) records.add(record(events.get(i), sentTimestamp, "m-" + i));
        return functions.invoke("recordEvent", SQSEvent.class, Json.write(Json.object().set("Records", records)));
    }

    private static ObjectNode record(EventEnvelope e, String sentTimestamp, String messageId) {
        var detail = Json.tree(e.toJson());
        ObjectNode record = Json.object().put("messageId", messageId).put("eventSource", "aws:sqs")
            .put("body", Json.write(Json.object().put("detail-type", e.type()).set("detail", detail)));
        record.set("attributes", Json.object().put("SentTimestamp", sentTimestamp));
        return record;
    }
}
