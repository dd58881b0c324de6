package dev.backplane.core.store;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The transactional outbox: state changes and the events they cause are written in ONE TransactWriteItems, so an
 * event exists if and only if its state change does. The table's stream carries outbox items to the relay.
 * Every write can carry a condition; each gets a label so a cancelled transaction says which condition failed.
 */
public final class UnitOfWork {
    /** Outbox items the relay somehow never deletes still vanish (TTL), long after any retry could need them. */
    public static final Duration OUTBOX_RETENTION = Duration.ofDays(7);
    public static final int MAX_ITEMS = 100;
    /**
     * Waiting outbox items are also in the sparse {@code gsi2} index ({@code gsi2pk=OUTBOX#<shard>}, {@code gsi2sk=}
     * {@link #outboxSortKey}) so the ops sweeper finds the ones the stream did not relay; spread over shards so no
     * index partition runs hot. Deleting a relayed item removes it from the index.
     */
    public static final int OUTBOX_SHARDS = 8;

    private final String table;
    private final String source;
    private final Trace trace;
    private final Clock clock;
    private final List<TransactWriteItem> writes = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    public UnitOfWork(String table, String source, Trace trace, Clock clock) {
        this.table = table;
        this.source = source;
        this.trace = trace;
        this.clock = clock;
    }

    public UnitOfWork put(String label, Map<String, AttributeValue> item, Condition condition) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (condition != null) condition.applyTo(put);
        return add(label, TransactWriteItem.builder().put(put.build()).build());
    }

    public UnitOfWork update(String label, Map<String, AttributeValue> key, Mutation mutation) {
        Update.Builder update = Update.builder().tableName(table).key(key).updateExpression(mutation.expression())
            .conditionExpression(mutation.condition()).expressionAttributeNames(mutation.names())
            .expressionAttributeValues(mutation.values().isEmpty() ? null : mutation.values());
        return add(label, TransactWriteItem.builder().update(update.build()).build());
    }

    public UnitOfWork check(String label, Map<String, AttributeValue> key, Condition condition) {
        ConditionCheck.Builder check = ConditionCheck.builder().tableName(table).key(key)
            .conditionExpression(condition.expression()).expressionAttributeNames(condition.namesOrNull())
            .expressionAttributeValues(condition.valuesOrNull());
        return add(label, TransactWriteItem.builder().conditionCheck(check.build()).build());
    }

    /** Adds the event to the outbox of this unit; returns the envelope (ids assigned now, for responses/logs). */
    public EventEnvelope publish(NewEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(event, source, trace, clock.instant());
        Map<String, AttributeValue> item = Items.map()
            .put("pk", "OUTBOX#" + envelope.id()).put("sk", "OUTBOX")
            .put("eventType", envelope.type()).put("correlationId", envelope.correlationId())
            .put("event", envelope.toJson())
            .put("gsi2pk", outboxShard(Math.floorMod(envelope.id().hashCode(), OUTBOX_SHARDS)))
            .put("gsi2sk", outboxSortKey(envelope.occurredAt(), envelope.id()))
            .put("expiresAt", clock.instant().plus(OUTBOX_RETENTION).getEpochSecond()).build();
        put("outbox:" + envelope.type(), item, Condition.notExists());
        return envelope;
    }

    public static String outboxShard(int shard) { return "OUTBOX#" + shard; }

    /** Commit time as fixed-width epoch millis (string order = time order), then the event id. */
    public static String outboxSortKey(Instant committedAt, String eventId) {
        return String.format("%013d#%s", committedAt.toEpochMilli(), eventId);
    }

    /** Commits all writes atomically; a failed condition raises {@link TransactionFailedException} with labels. */
    public void commit(DynamoDbClient dynamo) {
        if (writes.isEmpty()) return;
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<String> failed = new ArrayList<>();
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            for (int i = 0; i < reasons.size() && i < labels.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) failed.add(labels.get(i));
            }
            boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
            throw new TransactionFailedException(failed, conflict, e);
        }
    }

    private UnitOfWork add(String label, TransactWriteItem item) {
        if (writes.size() == MAX_ITEMS) {
            throw new IllegalStateException("a unit of work holds at most " + MAX_ITEMS + " writes (DynamoDB transaction limit)");
        }
        writes.add(item);
        labels.add(label);
        return this;
    }
}
