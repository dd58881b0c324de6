package dev.backplane.ops.store;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.store.Items;
import dev.backplane.ops.domain.TraceStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Trace items: {@code pk=TRACE#<correlationId>, sk=<occurredAt>#<eventId>}, kept 30 days (TTL). */
public final class DynamoTraceStore implements TraceStore {
    static final Duration RETENTION = Duration.ofDays(30);
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTraceStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(EventEnvelope e) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Items.map()
                    .put("pk", "TRACE#" + e.correlationId()).put("sk", e.occurredAt() + "#" + e.id())
                    .put("eventType", e.type()).put("event", e.toJson())
                    .put("expiresAt", e.occurredAt().plus(RETENTION).getEpochSecond()).build())
                .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException redelivered) {
            // already recorded: redelivery is normal
        }
    }

    @Override
    public List<EventEnvelope> byCorrelationId(String correlationId, int limit) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s("TRACE#" + correlationId))).limit(limit))
            .items().stream().map(i -> EventEnvelope.fromJson(Items.str(i, "event"))).toList();
    }
}
