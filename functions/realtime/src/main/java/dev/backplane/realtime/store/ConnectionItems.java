// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.store;

import dev.backplane.core.store.Items;
import dev.backplane.realtime.domain.LiveConnection;
import dev.backplane.realtime.domain.Topic;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item layout of the connections table. One partition per connection holds the connection item and one item per
 * subscription, so $disconnect finds everything with one query:
 * <pre>
 *   pk=CONN#{id}  sk=CONN            connectionId, userId, roles, connectedAt, expiresAt   (in GSI byUser)
 *   pk=CONN#{id}  sk=TOPIC#{topic}   connectionId, topic, expiresAt                        (in GSI byTopic)
 * </pre>
 * {@code expiresAt} (epoch seconds) is the table's TTL attribute; idempotency records of the push consumer live in
 * the same table ({@code pk=IDEMPOTENCY#…}) and appear in neither index.
 */
final class ConnectionItems {
    static final String CONNECTION_SK = "CONN";
    static final String TOPIC_SK_PREFIX = "TOPIC#";
    static final String BY_TOPIC = "byTopic";
    static final String BY_USER = "byUser";

    private ConnectionItems() {}

    static String pk(String connectionId) { return "CONN#" + connectionId; }

    static Map<String, AttributeValue> connectionKey(String connectionId) { return Items.key(pk(connectionId), CONNECTION_SK); }

    static Map<String, AttributeValue> subscriptionKey(String connectionId, Topic topic) {
        return Items.key(pk(connectionId), TOPIC_SK_PREFIX + topic.value());
    }

    static Map<String, AttributeValue> connection(LiveConnection c) {
        return Items.map().put("pk", pk(c.connectionId())).put("sk", CONNECTION_SK).put("connectionId", c.connectionId())
            .put("userId", c.userId()).put("roles", Items.list(c.roles())).put("connectedAt", c.connectedAt().toString())
            .put("expiresAt", c.expiresAt().getEpochSecond()).build();
    }

    static Map<String, AttributeValue> subscription(String connectionId, Topic topic, Instant expiresAt) {
        return Items.map().put("pk", pk(connectionId)).put("sk", TOPIC_SK_PREFIX + topic.value()).put("connectionId", connectionId)
            .put("topic", topic.value()).put("expiresAt", expiresAt.getEpochSecond()).build();
    }

    static LiveConnection toConnection(Map<String, AttributeValue> item) {
        return new LiveConnection(Items.str(item, "connectionId"), Items.str(item, "userId"), Items.strings(item, "roles"),
            Instant.parse(Items.str(item, "connectedAt")), Instant.ofEpochSecond(Items.num(item, "expiresAt")));
    }
}
