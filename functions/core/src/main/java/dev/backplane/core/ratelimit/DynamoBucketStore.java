package dev.backplane.core.ratelimit;

import static dev.backplane.core.store.Items.n;

import dev.backplane.core.store.Items;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Token buckets in DynamoDB as GCRA: one number per bucket, the theoretical arrival time {@code tat} (epoch ms) of
 * the next request. A request is allowed when {@code max(tat, now) <= now + burst}; it then moves {@code tat} one
 * interval on. Each step is ONE conditional UpdateItem, no read first (idle is tried first: most buckets are): "busy" ({@code tat} ahead of now, still
 * within the burst) adds an interval; "idle" ({@code tat} in the past or absent) restarts at now + interval. A
 * failed condition returns the item, which tells which case applies, so a decision costs one or two writes and
 * concurrent callers can never both take the last token. Items expire by TTL ({@code expiresAt}) once refilled.
 * Items: {@code pk=RATE#<key>, sk=RATE}.
 */
public final class DynamoBucketStore implements BucketStore {
    private static final int ATTEMPTS = 4;
    private static final int HINTS = 10_000;
    private final DynamoDbClient dynamo;
    /** Per key, when this instance last saw the bucket busy until: picks the likely case first (one write, not two). */
    private final Map<String, Long> busyUntil = new ConcurrentHashMap<>();
    private final String table;

    public DynamoBucketStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Decision take(String key, RateLimit limit, Instant now) {
        long nowMs = now.toEpochMilli();
        long interval = limit.intervalMillis();
        long latest = nowMs + limit.burstMillis();
        long expiresAt = (latest + interval) / 1000 + 60;
        Map<String, AttributeValue> itemKey = Items.key("RATE#" + key, "RATE");
        Long hint = busyUntil.get(key);
        Long seen = hint != null && hint > nowMs ? hint : null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            boolean idle = seen == null || seen <= nowMs;
            try {
                if (idle) {
                    dynamo.updateItem(b -> b.tableName(table).key(itemKey)
                        .updateExpression("SET tat = :next, expiresAt = :exp")
                        .conditionExpression("attribute_not_exists(tat) OR tat <= :now")
                        .expressionAttributeValues(Map.of(":next", n(nowMs + interval), ":exp", n(expiresAt), ":now", n(nowMs)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                } else {
                    dynamo.updateItem(b -> b.tableName(table).key(itemKey)
                        .updateExpression("SET tat = tat + :interval, expiresAt = :exp")
                        .conditionExpression("tat > :now AND tat <= :latest")
                        .expressionAttributeValues(Map.of(":interval", n(interval), ":exp", n(expiresAt), ":now", n(nowMs),
                            ":latest", n(latest)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                }
                remember(key, idle ? nowMs + interval : Math.max(seen, nowMs) + interval);
                return Decision.ALLOWED;
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> old = e.item();
                seen = old == null || !old.containsKey("tat") ? Long.MIN_VALUE : Items.num(old, "tat");
                if (seen > latest) {
                    remember(key, seen);
                    return Decision.rejected(Duration.ofMillis(seen - latest));
                }
                // the bucket moved between our two guesses (another caller): decide again from what we saw
            }
        }
        // heavy contention on one bucket: refusing briefly is the safe answer for a limiter
        return Decision.rejected(Duration.ofMillis(interval));
    }

    /** Only a hint (other instances move the bucket too): a wrong guess costs one extra write, never a wrong decision. */
    private void remember(String key, long tat) {
        if (busyUntil.size() >= HINTS) busyUntil.clear();
        busyUntil.put(key, tat);
    }
}
