package dev.backplane.ops.relay;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.UnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The outbox items of the table ({@code pk=OUTBOX#<eventId>, sk=OUTBOX}). Until relayed, each sits in the sparse
 * {@code gsi2} index under one of {@link UnitOfWork#OUTBOX_SHARDS} shards, sorted by commit time, so the oldest
 * waiting items are found without reading the table; deleting a relayed item removes it from the index.
 */
public final class OutboxItems {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxItems.class);
    static final String INDEX = "gsi2";
    private static final int DELETES_PER_CALL = 25;
    private final DynamoDbClient dynamo;
    private final String table;

    public OutboxItems(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public record Waiting(String pk, EventEnvelope event, Instant committedAt) {}

    /** Up to {@code limit} items committed before {@code cutoff}, oldest first within each shard. */
    public List<Waiting> committedBefore(Instant cutoff, int limit) {
        List<Waiting> out = new ArrayList<>();
        for (int shard = 0; shard < UnitOfWork.OUTBOX_SHARDS && out.size() < limit; shard++) {
            int room = limit - out.size();
            String shardKey = UnitOfWork.outboxShard(shard);
            var items = dynamo.query(b -> b.tableName(table).indexName(INDEX)
                .keyConditionExpression("gsi2pk = :s AND gsi2sk < :cutoff")
                .expressionAttributeValues(Map.of(":s", Items.s(shardKey), ":cutoff", Items.s(UnitOfWork.outboxSortKey(cutoff, ""))))
                .limit(room)).items();
            for (var item : items) {
                try {
                    out.add(new Waiting(Items.str(item, "pk"), EventEnvelope.fromJson(Items.str(item, "event")),
                        committedAt(item)));
                } catch (RuntimeException e) {
                    LOG.error("outbox item {} is not a valid event; it stays for an operator (docs/operations.md)", Items.str(item, "pk"), e);
                }
            }
        }
        return out;
    }

    /** Commit time of the oldest item still waiting, if any. */
    public Optional<Instant> oldest() {
        Instant oldest = null;
        for (int shard = 0; shard < UnitOfWork.OUTBOX_SHARDS; shard++) {
            String shardKey = UnitOfWork.outboxShard(shard);
            var items = dynamo.query(b -> b.tableName(table).indexName(INDEX).keyConditionExpression("gsi2pk = :s")
                .expressionAttributeValues(Map.of(":s", Items.s(shardKey))).limit(1)).items();
            if (!items.isEmpty()) {
                Instant at = committedAt(items.getFirst());
                if (oldest == null || at.isBefore(oldest)) oldest = at;
            }
        }
        return Optional.ofNullable(oldest);
    }

    private static Instant committedAt(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        String sortKey = Items.str(item, "gsi2sk");
        return Instant.ofEpochMilli(Long.parseLong(sortKey.substring(0, sortKey.indexOf('#'))));
    }

    /**
     * Takes the item for one sweep until {@code until}: a concurrent sweep (overlapping schedule runs) skips it.
     * False when another sweep holds it or it is gone (relayed meanwhile).
     */
    public boolean claim(String pk, Instant now, Instant until) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Items.key(pk, "OUTBOX"))
                .updateExpression("SET sweptUntil = :until")
                .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(sweptUntil) OR sweptUntil < :now)")
                .expressionAttributeValues(Map.of(":until", Items.n(until.toEpochMilli()), ":now", Items.n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /** Gives a claimed item back (its publish failed): the next run takes it again without waiting for the claim to lapse. */
    public void release(String pk) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Items.key(pk, "OUTBOX")).updateExpression("REMOVE sweptUntil")
                .conditionExpression("attribute_exists(pk)"));
        } catch (ConditionalCheckFailedException gone) {
            // relayed by the stream path meanwhile
        }
    }

    /** Deletes relayed items in BatchWriteItem calls; one that is not deleted now is relayed again later (same id). */
    public void deleteAll(List<String> pks) {
        for (int i = 0; i < pks.size(); i += DELETES_PER_CALL) {
            List<WriteRequest> deletes = pks.subList(i, Math.min(pks.size(), i + DELETES_PER_CALL)).stream()
                .map(pk -> WriteRequest.builder().deleteRequest(d -> d.key(Items.key(pk, "OUTBOX"))).build()).toList();
            try {
                Map<String, List<WriteRequest>> unprocessed = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, deletes))).unprocessedItems();
                if (unprocessed != null && !unprocessed.isEmpty()) {
                    LOG.warn("{} relayed outbox items not deleted now; the sweeper or the TTL removes them", unprocessed.getOrDefault(table, List.of()).size());
                }
            } catch (RuntimeException e) {
                LOG.warn("could not delete {} relayed outbox items; the sweeper or the TTL removes them: {}", deletes.size(), e.toString());
            }
        }
    }
}
