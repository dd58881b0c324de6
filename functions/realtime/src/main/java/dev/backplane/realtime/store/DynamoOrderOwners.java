// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.store;

import dev.backplane.core.store.Items;
import dev.backplane.realtime.domain.OrderOwners;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the owner of an order from the application table, read-only ({@code pk=ORDER#<id>, sk=ORDER}, attribute
 * {@code userId}: the orders service's layout). Strongly consistent, so subscribing right after placing works.
 */
public final class DynamoOrderOwners implements OrderOwners {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOrderOwners(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<String> ownerOf(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key("ORDER#" + orderId, "ORDER"))
            .projectionExpression("userId").consistentRead(true)).item();
        return Optional.ofNullable(item == null ? null : Items.str(item, "userId"));
    }
}
