// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.store;

import static dev.backplane.core.store.Items.s;

import dev.backplane.core.store.Items;
import dev.backplane.realtime.domain.Topic;
import dev.backplane.realtime.domain.TopicOwners;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The owner projection in realtime's own table (the connections table), one partition per topic:
 * <pre>
 *   pk=OWNER#{topic}  sk=OWNER                 ownerId, recordedAt
 *   pk=OWNER#{topic}  sk=WAIT#{connectionId}   waitingConnection, waitingUser, subscriptionExpiresAt, until, expiresAt (TTL)
 * </pre>
 * Attribute names stay clear of {@code topic}, {@code userId} and {@code connectionId}: items carrying them would enter
 * the byTopic/byUser indexes and be taken for subscriptions or connections. Owner items have no TTL: an order's
 * page may be opened years later.
 */
public final class DynamoTopicOwners implements TopicOwners {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoTopicOwners.class);
    static final String OWNER_SK = "OWNER";
    static final String WAIT_SK_PREFIX = "WAIT#";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTopicOwners(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String pk(Topic topic) { return "OWNER#" + topic.value(); }

    @Override
    public Optional<String> ownerOf(Topic topic) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk(topic), OWNER_SK))
            .projectionExpression("ownerId").consistentRead(true)).item();
        return Optional.ofNullable(item == null || item.isEmpty() ? null : Items.str(item, "ownerId"));
    }

    @Override
    public void record(Topic topic, String ownerId) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                .item(Items.map().put("pk", pk(topic)).put("sk", OWNER_SK).put("ownerId", ownerId).put("recordedAt", Instant.now().toString()).build())
                .conditionExpression("attribute_not_exists(pk) OR ownerId = :owner")
                .expressionAttributeValues(Map.of(":owner", s(ownerId))));
        } catch (ConditionalCheckFailedException e) {
            // ownership never moves: an event naming another owner is a producer's bug, not a reason to hand the topic over
            LOG.warn("{} already has another owner; kept it", topic.kind());
        }
    }

    @Override
    public void park(Topic topic, Waiter waiter) {
        dynamo.putItem(b -> b.tableName(table).item(Items.map().put("pk", pk(topic)).put("sk", WAIT_SK_PREFIX + waiter.connectionId())
            .put("waitingConnection", waiter.connectionId()).put("waitingUser", waiter.userId())
            .put("subscriptionExpiresAt", waiter.subscriptionExpiresAt().getEpochSecond()).put("until", waiter.until().toString())
            .put("expiresAt", waiter.until().getEpochSecond()).build()));
    }

    @Override
    public List<Waiter> waiters(Topic topic, Instant now) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk AND begins_with(sk, :wait)")
                .expressionAttributeValues(Map.of(":pk", s(pk(topic)), ":wait", s(WAIT_SK_PREFIX))))
            .items().stream()
            .map(i -> new Waiter(Items.str(i, "waitingConnection"), Items.str(i, "waitingUser"),
                Instant.ofEpochSecond(Items.num(i, "subscriptionExpiresAt")), Instant.parse(Items.str(i, "until"))))
            .filter(w -> w.until().isAfter(now))
            .toList();
    }

    @Override
    public boolean claim(Topic topic, String connectionId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Items.key(pk(topic), WAIT_SK_PREFIX + connectionId)).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
