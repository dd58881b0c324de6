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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
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
    public void record(EventEnvelope e, Instant deliveredAt, Instant recordedAt) { recordAll(List.of(new Recorded(e, deliveredAt, recordedAt))); }

    /**
     * A consumer batch in a few requests: one read of which events are stored already (their first timings stay), then
     * batch writes of the new trace items and of every index copy (rewritten identically on redelivery). Two deliveries
     * of one event racing each other may leave the later one's timings; nothing else differs.
     */
    @Override
    public void recordAll(List<Recorded> events) {
        if (events.isEmpty()) return;
        Set<String> stored = storedTraceKeys(events);
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> writes = new LinkedHashMap<>();
        for (Recorded r : events) {
            EventEnvelope e = r.event();
            long expiresAt = e.occurredAt().plus(retention).getEpochSecond();
            String json = e.toJson();
            Map<String, AttributeValue> traceKey = traceKey(e);
            if (!stored.contains(keyString(traceKey))) {
                Items.Builder trace = Items.map().put("pk", traceKey.get("pk")).put("sk", traceKey.get("sk"))
                    .put("eventType", e.type()).put("event", json).put("expiresAt", expiresAt);
                if (r.deliveredAt() != null) trace.put("deliveredAt", r.deliveredAt().toEpochMilli());
                if (r.recordedAt() != null) trace.put("recordedAt", r.recordedAt().toEpochMilli());
                writes.putIfAbsent(traceKey, trace.build());
            }
            String sk = sortKey(e.occurredAt(), e.id());
            for (String pk : partitions(e)) {
                writes.put(Items.key(pk, sk), Items.map().put("pk", pk).put("sk", sk)
                    .put("eventType", e.type()).put("event", json).put("expiresAt", expiresAt).build());
            }
        }
        List<WriteRequest> requests = writes.values().stream().map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
        for (int i = 0; i < requests.size(); i += BATCH_WRITE_LIMIT) {
            write(requests.subList(i, Math.min(requests.size(), i + BATCH_WRITE_LIMIT)));
        }
    }

    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int ATTEMPTS = 4;

    private Set<String> storedTraceKeys(List<Recorded> events) {
        List<Map<String, AttributeValue>> keys = events.stream().map(r -> traceKey(r.event())).distinct().toList();
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < keys.size(); i += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys.subList(i, Math.min(keys.size(), i + 100)))
                .projectionExpression("pk, sk").consistentRead(true).build());
            for (int attempt = 0; !request.isEmpty() && attempt < ATTEMPTS; attempt++) {
                Map<String, KeysAndAttributes> current = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(current));
                response.responses().getOrDefault(table, List.of()).forEach(item -> stored.add(keyString(item)));
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
            // keys still unread count as new: their trace item is written again, with this delivery's timings
        }
        return stored;
    }

    private void write(List<WriteRequest> chunk) {
        Map<String, List<WriteRequest>> request = Map.of(table, chunk);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, List<WriteRequest>> current = request;
            var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(current)).unprocessedItems();
            if (unprocessed == null || unprocessed.getOrDefault(table, List.of()).isEmpty()) return;
            request = unprocessed;
            try {
                Thread.sleep(25L << attempt); // DynamoDB asks for backoff before retrying unprocessed items
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("event store items not written; the messages are retried");
    }

    private static String keyString(Map<String, AttributeValue> item) { return Items.str(item, "pk") + "\n" + Items.str(item, "sk"); }

    private static Map<String, AttributeValue> traceKey(EventEnvelope e) {
        return Items.key("TRACE#" + e.correlationId(), e.occurredAt() + "#" + e.id());
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
