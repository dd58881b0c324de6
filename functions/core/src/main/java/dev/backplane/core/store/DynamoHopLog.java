package dev.backplane.core.store;

import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopKind;
import dev.backplane.core.trace.HopRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Hops in their own table ({@code pk=HOP#<correlationId>}, {@code sk=<epoch millis, 13 digits>#<name>#<unique>} so a
 * query returns them in time order), expiring through TTL ({@code expiresAt}). One PutItem per hop, a BatchWriteItem
 * for several; a failed write is logged and dropped, never thrown: a trace may thin out, a request never fails for it.
 */
public final class DynamoHopLog implements HopRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoHopLog.class);
    private static final int BATCH = 25;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;

    public DynamoHopLog(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void record(List<Hop> hops) {
        if (hops.isEmpty()) return;
        try {
            if (hops.size() == 1) {
                dynamo.putItem(b -> b.tableName(table).item(item(hops.getFirst())));
                return;
            }
            for (int i = 0; i < hops.size(); i += BATCH) {
                List<WriteRequest> writes = hops.subList(i, Math.min(hops.size(), i + BATCH)).stream()
                    .map(h -> WriteRequest.builder().putRequest(PutRequest.builder().item(item(h)).build()).build()).toList();
                // unprocessed items are dropped on purpose: hops are best effort and must not slow the caller down
                dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
            }
        } catch (RuntimeException e) {
            LOG.warn("hop not recorded ({} hops of {}): {}", hops.size(), hops.getFirst().name(), e.toString());
        }
    }

    /** The chain's hops in time order (at most {@code limit}). */
    public List<Hop> byCorrelationId(String correlationId, int limit) {
        List<Hop> hops = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(pk(correlationId)))).limit(limit - hops.size())
                .exclusiveStartKey(from));
            page.items().forEach(i -> hops.add(hop(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && hops.size() < limit);
        return hops;
    }

    private Map<String, AttributeValue> item(Hop h) {
        Map<String, AttributeValue> item = new HashMap<>(Items.map()
            .put("pk", pk(h.correlationId()))
            .put("sk", "%013d#%s#%s".formatted(h.startedAt().toEpochMilli(), h.name(), UUID.randomUUID()))
            .put("name", h.name())
            .put("kind", h.kind().wire())
            .put("startedAt", h.startedAt().toString())
            .put("durationMs", h.durationMs())
            .put("eventId", h.eventId())
            .put("eventType", h.eventType())
            .put("detail", h.detail())
            .put("expiresAt", clock.instant().plus(retention).getEpochSecond())
            .build());
        if (h.connections() != null) item.put("connections", Items.n(h.connections()));
        return item;
    }

    private static Hop hop(Map<String, AttributeValue> i) {
        String pk = Items.str(i, "pk");
        return new Hop(pk.substring("HOP#".length()), Items.str(i, "name"), HopKind.ofWire(Items.str(i, "kind")),
            Instant.parse(Items.str(i, "startedAt")), Items.num(i, "durationMs"), Items.str(i, "eventId"), Items.str(i, "eventType"),
            Items.str(i, "detail"), i.containsKey("connections") ? (int) Items.num(i, "connections") : null);
    }

    private static String pk(String correlationId) { return "HOP#" + correlationId; }
}
