// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.store;

import static dev.backplane.core.store.Items.n;
import static dev.backplane.core.store.Items.s;

import dev.backplane.core.store.Items;
import dev.backplane.realtime.domain.ConnectionStore;
import dev.backplane.realtime.domain.LiveConnection;
import dev.backplane.realtime.domain.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Connections and subscriptions in the connections table (layout: {@link ConnectionItems}). */
public final class DynamoConnectionStore implements ConnectionStore {
    private static final int BATCH_WRITE_LIMIT = 25;
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoConnectionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void open(LiveConnection connection, Topic initialTopic) {
        dynamo.transactWriteItems(b -> b.transactItems(
            TransactWriteItem.builder().put(p -> p.tableName(table).item(ConnectionItems.connection(connection))).build(),
            TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(ConnectionItems.subscription(connection.connectionId(), initialTopic, connection.expiresAt()))).build()));
    }

    @Override
    public void close(String connectionId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk").consistentRead(true)
                .projectionExpression("pk, sk").expressionAttributeValues(Map.of(":pk", s(ConnectionItems.pk(connectionId)))))
            .items().forEach(keys::add);
        for (int from = 0; from < keys.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> deletes = keys.subList(from, Math.min(keys.size(), from + BATCH_WRITE_LIMIT)).stream()
                .map(k -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build()).toList();
            deleteAll(deletes);
        }
    }

    /** BatchWriteItem may leave items unprocessed under throttling; resubmit them (the SDK already backs off). */
    private void deleteAll(List<WriteRequest> deletes) {
        Map<String, List<WriteRequest>> pending = Map.of(table, deletes);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == 10) throw new IllegalStateException("could not delete connection items after 10 attempts");
            Map<String, List<WriteRequest>> request = pending;
            pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }

    @Override
    public SubscribeOutcome subscribe(String connectionId, Topic topic, Instant expiresAt, int maxSubscriptions) {
        if (subscriptionCount(connectionId) >= maxSubscriptions && !isSubscribed(connectionId, topic)) {
            return SubscribeOutcome.LIMIT_REACHED;
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(ConnectionItems.connectionKey(connectionId))
                    .conditionExpression("attribute_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(ConnectionItems.subscription(connectionId, topic, expiresAt))).build()));
            return SubscribeOutcome.SUBSCRIBED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code())) return SubscribeOutcome.NO_CONNECTION;
            throw e;
        }
    }

    private int subscriptionCount(String connectionId) {
        return dynamo.query(b -> b.tableName(table).consistentRead(true).select(Select.COUNT)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :topics)")
            .expressionAttributeValues(Map.of(":pk", s(ConnectionItems.pk(connectionId)), ":topics", s(ConnectionItems.TOPIC_SK_PREFIX))))
            .count();
    }

    private boolean isSubscribed(String connectionId, Topic topic) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(ConnectionItems.subscriptionKey(connectionId, topic)))
            .hasItem();
    }

    @Override
    public void unsubscribe(String connectionId, Topic topic) {
        dynamo.deleteItem(b -> b.tableName(table).key(ConnectionItems.subscriptionKey(connectionId, topic)));
    }

    @Override
    public List<String> subscribers(Topic topic, Instant now) {
        List<String> ids = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(ConnectionItems.BY_TOPIC)
                .keyConditionExpression("topic = :topic").filterExpression("expiresAt > :now")
                .expressionAttributeValues(Map.of(":topic", s(topic.value()), ":now", n(now.getEpochSecond()))))
            .items().forEach(item -> ids.add(Items.str(item, "connectionId")));
        return ids;
    }

    @Override
    public List<String> connectionsOf(String userId) {
        List<String> ids = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(ConnectionItems.BY_USER).keyConditionExpression("userId = :user")
                .projectionExpression("connectionId").expressionAttributeValues(Map.of(":user", s(userId))))
            .items().forEach(item -> ids.add(Items.str(item, "connectionId")));
        return ids;
    }

    @Override
    public void forEachPage(Consumer<List<LiveConnection>> visitor) {
        dynamo.scanPaginator(b -> b.tableName(table).indexName(ConnectionItems.BY_USER))
            .forEach(page -> visitor.accept(page.items().stream().map(ConnectionItems::toConnection).toList()));
    }
}
