package dev.backplane.core.store;

import static dev.backplane.core.store.Items.n;
import static dev.backplane.core.store.Items.s;

import dev.backplane.core.idempotency.IdempotencyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Idempotency records in the application table: {@code pk=IDEMPOTENCY#<key>}, TTL on {@code expiresAt}. */
public final class DynamoIdempotencyStore implements IdempotencyStore {
    private static final String SK = "IDEMPOTENCY";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean tryClaim(String key, String payloadHash, Instant expiresAt, Instant lockedUntil, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                .item(Items.map().put("pk", pk(key)).put("sk", SK).put("status", Status.IN_PROGRESS.name())
                    .put("payloadHash", payloadHash).put("expiresAt", expiresAt.getEpochSecond())
                    .put("lockedUntil", lockedUntil.toEpochMilli()).build())
                .conditionExpression("attribute_not_exists(pk) OR expiresAt < :nowSec OR (#status = :inProgress AND lockedUntil < :nowMs)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":nowSec", n(now.getEpochSecond()), ":nowMs", n(now.toEpochMilli()),
                    ":inProgress", s(Status.IN_PROGRESS.name()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyClaimed) {
            return false;
        }
    }

    @Override
    public Optional<Entry> find(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk(key), SK)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Entry(key, Status.valueOf(Items.str(item, "status")), Items.str(item, "payloadHash"),
            Items.str(item, "response")));
    }

    @Override
    public void complete(String key, String response, Instant expiresAt) {
        dynamo.updateItem(b -> b.tableName(table).key(Items.key(pk(key), SK))
            .updateExpression("SET #status = :completed, #response = :response, expiresAt = :expiresAt REMOVE lockedUntil")
            .expressionAttributeNames(Map.of("#status", "status", "#response", "response"))
            .expressionAttributeValues(Map.of(":completed", s(Status.COMPLETED.name()), ":response", s(response),
                ":expiresAt", n(expiresAt.getEpochSecond()))));
    }

    @Override
    public void release(String key) {
        dynamo.deleteItem(b -> b.tableName(table).key(Items.key(pk(key), SK)));
    }

    private static String pk(String key) { return "IDEMPOTENCY#" + key; }
}
