package dev.backplane.ops.store;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.PageCursor;
import dev.backplane.ops.domain.EventArchive;
import dev.backplane.ops.domain.EventQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The event store: {@code pk=TRACE#<correlationId>, sk=<occurredAt>#<eventId>} per event (the trace), plus one copy per
 * search dimension — {@code EVTYPE#<type>}, {@code EVSUBJ#<kind>#<id>}, {@code EVUSER#<userId>} (actor and data user),
 * {@code EVDAY#<yyyy-mm-dd>} — sorted by {@code <epochMillis>#<eventId>}. All expire after the retention period (TTL).
 * Storing the same event again changes nothing.
 */
public final class DynamoEventStore implements EventArchive {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoEventStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void record(EventEnvelope e, Instant deliveredAt, Instant recordedAt) {
        long expiresAt = e.occurredAt().plus(retention).getEpochSecond();
        String json = e.toJson();
        Items.Builder trace = Items.map().put("pk", "TRACE#" + e.correlationId()).put("sk", e.occurredAt() + "#" + e.id())
            .put("eventType", e.type()).put("event", json).put("expiresAt", expiresAt);
        if (deliveredAt != null) trace.put("deliveredAt", deliveredAt.toEpochMilli());
        if (recordedAt != null) trace.put("recordedAt", recordedAt.toEpochMilli());
        try {
            dynamo.putItem(b -> b.tableName(table).item(trace.build()).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException redelivered) {
            // already recorded: redelivery is normal; the index copies below are rewritten identically
        }
        List<WriteRequest> copies = new ArrayList<>();
        for (String pk : partitions(e)) {
            copies.add(WriteRequest.builder().putRequest(p -> p.item(Items.map().put("pk", pk).put("sk", sortKey(e.occurredAt(), e.id()))
                .put("eventType", e.type()).put("event", json).put("expiresAt", expiresAt).build())).build());
        }
        var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, copies))).unprocessedItems();
        if (unprocessed != null && !unprocessed.getOrDefault(table, List.of()).isEmpty()) {
            throw new IllegalStateException("event store copies of " + e.id() + " not written; the message is retried");
        }
    }

    @Override
    public List<Recorded> recordedByCorrelationId(String correlationId, int limit) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s("TRACE#" + correlationId))).limit(limit))
            .items().stream().map(i -> new Recorded(EventEnvelope.fromJson(Items.str(i, "event")), instant(i, "deliveredAt"), instant(i, "recordedAt")))
            .toList();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.ofEpochMilli(Items.num(item, name)) : null;
    }

    @Override
    public Page find(EventQuery query, String reader, int limit, String cursor) {
        List<String> partitions = partitionsFor(query);
        String binding = binding(query, reader);
        Map<String, AttributeValue> after = PageCursor.decode(cursor, binding);
        String startPk = null;
        String startSk = null;
        if (after != null) {
            // signed by us for this reader and query; checked anyway so a key can never reach DynamoDB malformed
            startPk = after.get("pk") == null ? null : after.get("pk").s();
            startSk = after.get("sk") == null ? null : after.get("sk").s();
            if (after.size() != 2 || !partitions.contains(startPk) || startSk == null || !SORT_KEY.matcher(startSk).matches()) {
                throw PageCursor.invalidCursor();
            }
        }
        String from = query.from() == null ? "0" : sortKey(query.from(), "");
        String to = query.to() == null ? "9" : sortKey(query.to(), "");
        List<EventEnvelope> items = new ArrayList<>();
        boolean started = startPk == null;
        for (String pk : partitions) {
            if (!started && !pk.equals(startPk)) continue;
            Map<String, AttributeValue> exclusiveStart = !started ? Map.of("pk", Items.s(pk), "sk", Items.s(startSk)) : null;
            started = true;
            while (true) {
                Map<String, AttributeValue> start = exclusiveStart;
                var page = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":from", Items.s(from), ":to", Items.s(to)))
                    .exclusiveStartKey(start).limit(Math.max(limit, 25)));
                for (var item : page.items()) {
                    EventEnvelope e = EventEnvelope.fromJson(Items.str(item, "event"));
                    if (!query.matches(e)) continue;
                    items.add(e);
                    if (items.size() == limit) {
                        return new Page(items, PageCursor.encode(Map.of("pk", Items.s(pk), "sk", item.get("sk")), binding));
                    }
                }
                if (page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty()) break;
                exclusiveStart = page.lastEvaluatedKey();
            }
        }
        return new Page(items, null);
    }

    private static final Pattern SORT_KEY = Pattern.compile("\\d{13}#[^\\s]{1,200}");

    /** A cursor works only for the admin who got it and the exact query that produced it. */
    static String binding(EventQuery q, String reader) {
        return String.join("\n", "events", reader, String.join(",", q.types()), String.valueOf(q.subject()), String.valueOf(q.userId()),
            String.valueOf(q.correlationId()), String.valueOf(q.from()), String.valueOf(q.to()));
    }

    /** The partition(s) to search: the narrowest dimension given; days of the range for a query by time alone. */
    private static List<String> partitionsFor(EventQuery q) {
        if (q.correlationId() != null) return List.of("EVCORR#" + q.correlationId());
        if (q.subject() != null) return List.of("EVSUBJ#" + q.subject().replaceFirst(":", "#"));
        if (q.userId() != null) return List.of("EVUSER#" + q.userId());
        if (!q.types().isEmpty()) return q.types().stream().map(t -> "EVTYPE#" + t).toList();
        List<String> days = new ArrayList<>();
        for (LocalDate d = LocalDate.ofInstant(q.from(), ZoneOffset.UTC); !d.isAfter(LocalDate.ofInstant(q.to(), ZoneOffset.UTC)); d = d.plusDays(1)) {
            days.add("EVDAY#" + d);
        }
        return days;
    }

    private static Set<String> partitions(EventEnvelope e) {
        Set<String> pks = new LinkedHashSet<>();
        pks.add("EVCORR#" + e.correlationId());
        pks.add("EVTYPE#" + e.type());
        pks.add("EVSUBJ#" + e.subject().kind() + "#" + e.subject().id());
        pks.add("EVDAY#" + LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        String actor = e.actor().userId();
        if (actor != null && !actor.equals("system") && !actor.equals("anonymous")) pks.add("EVUSER#" + actor);
        String dataUser = e.data().path("userId").asString("");
        if (!dataUser.isBlank()) pks.add("EVUSER#" + dataUser);
        return pks;
    }

    /** Fixed width, so string order is time order (Instant.toString varies in length). */
    static String sortKey(Instant at, String id) { return String.format("%013d#%s", at.toEpochMilli(), id); }
}
