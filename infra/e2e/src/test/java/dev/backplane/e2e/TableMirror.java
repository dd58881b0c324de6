package dev.backplane.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A copy of a table's items (key → content hash), kept current from the table's stream instead of re-reading the
 * table: one scan at the start, then every INSERT, MODIFY and REMOVE record applied in order. Each item's stream
 * records carry its whole new image (NEW_IMAGE or NEW_AND_OLD_IMAGES), so the copy is the table as of the last record
 * read; {@link #disagreementsWithTable()} checks that against a fresh scan.
 */
final class TableMirror {
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final String table;
    private final String streamArn;
    /** Which items are kept; the others are still read from the stream, and only ignored. */
    private final Predicate<String> kept;
    private final Map<String, Integer> items = new HashMap<>();
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> finished = new LinkedHashSet<>();
    private final Map<String, String> parents = new HashMap<>();

    /** {@code kept} sees an item's key as "pk | sk". */
    TableMirror(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table, Predicate<String> kept) {
        this.dynamo = dynamo;
        this.streams = streams;
        this.table = table;
        this.kept = kept;
        this.streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        if (streamArn == null) throw new IllegalStateException(table + " has no stream");
        // position on the stream's end first, then scan: records after that position re-applied over the scan converge
        // on the table (each carries its item's whole image), whatever the scan already saw
        discover(ShardIteratorType.LATEST);
        items.putAll(scan());
        drain();
    }

    /** The table as of the last record read: key → content hash. */
    Map<String, Integer> items() { return Map.copyOf(items); }

    /** Applies every record written since the last call; returns the kept items they touched ("pk | sk"), in order. */
    List<String> drain() {
        discover(ShardIteratorType.TRIM_HORIZON);
        List<String> touched = new ArrayList<>();
        boolean more = true;
        while (more) {
            more = false;
            for (var entry : new ArrayList<>(iterators.entrySet())) {
                String parent = parents.get(entry.getKey());
                if (parent != null && known.contains(parent) && !finished.contains(parent)) continue;
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(entry.getValue()));
                for (Record r : page.records()) apply(r, touched);
                if (page.nextShardIterator() == null) {
                    iterators.remove(entry.getKey());
                    finished.add(entry.getKey());
                    more = true; // its children may be readable now
                } else {
                    iterators.put(entry.getKey(), page.nextShardIterator());
                    if (!page.records().isEmpty()) more = true;
                }
            }
        }
        return touched;
    }

    /** Where the copy differs from the table read now (the copy is only as good as the stream it follows). */
    List<String> disagreementsWithTable() {
        drain();
        return differences(items, scan());
    }

    /** Items added, changed or removed from {@code before} to {@code after} (at most ten named). */
    static List<String> differences(Map<String, Integer> before, Map<String, Integer> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((key, hash) -> {
            if (!after.containsKey(key)) changed.add("removed " + key);
            else if (!after.get(key).equals(hash)) changed.add("changed " + key);
        });
        after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(key -> changed.add("added " + key));
        return changed.size() > 10 ? changed.subList(0, 10) : changed;
    }

    private void apply(Record r, List<String> touched) {
        Map<String, AttributeValue> keys = r.dynamodb().keys();
        String key = keys.get("pk").s() + " | " + keys.get("sk").s();
        if (!kept.test(key)) return;
        touched.add(key);
        if (r.eventName() == OperationType.REMOVE) items.remove(key);
        else items.put(key, r.dynamodb().newImage().hashCode());
    }

    private Map<String, Integer> scan() {
        Map<String, Integer> all = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> {
            String key = item.get("pk").s() + " | " + item.get("sk").s();
            if (kept.test(key)) all.put(key, item.hashCode());
        });
        return all;
    }

    /** Shards not seen yet: at the start, open ones from their end (closed ones are history); later ones from their start. */
    private void discover(ShardIteratorType position) {
        String start = null;
        do {
            String from = start;
            var description = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from)).streamDescription();
            for (Shard shard : description.shards()) {
                if (!known.add(shard.shardId())) continue;
                parents.put(shard.shardId(), shard.parentShardId());
                boolean closed = shard.sequenceNumberRange().endingSequenceNumber() != null;
                if (position == ShardIteratorType.LATEST && closed) {
                    finished.add(shard.shardId());
                    continue;
                }
                iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(position)).shardIterator());
            }
            start = description.lastEvaluatedShardId();
        } while (start != null);
    }
}
