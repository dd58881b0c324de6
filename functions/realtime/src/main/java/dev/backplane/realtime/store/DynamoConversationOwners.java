// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.store;

import dev.backplane.core.store.Items;
import dev.backplane.realtime.domain.OrderOwners;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The owner of a live chat conversation, read-only from the application table ({@code pk=CONV#<id>, sk=CONV},
 * attributes {@code userId}, {@code deleted}: the chat service's layout); a deleted conversation has no owner.
 */
public final class DynamoConversationOwners implements OrderOwners {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoConversationOwners(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<String> ownerOf(String conversationId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key("CONV#" + conversationId, "CONV"))
            .projectionExpression("userId, deleted").consistentRead(true)).item();
        if (item == null || item.isEmpty() || "1".equals(item.get("deleted") == null ? null : item.get("deleted").n())) return Optional.empty();
        return Optional.ofNullable(Items.str(item, "userId"));
    }
}
