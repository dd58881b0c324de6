package dev.backplane.billing.store;

import dev.backplane.billing.domain.OrderLookup;
import dev.backplane.billing.domain.PayableOrder;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the orders module's order item ({@code pk=ORDER#<id>, sk=ORDER}; layout: orders' DynamoOrderStore) —
 * read-only, strongly consistent, so a just-placed order can be paid at once.
 */
public final class DynamoOrderLookup implements OrderLookup {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOrderLookup(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private record StoredLine(String productId, String name, int quantity, long unitPrice) {}

    @Override
    public Optional<PayableOrder> find(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key("ORDER#" + orderId, "ORDER")).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        var lines = Arrays.stream(Json.MAPPER.readerFor(StoredLine[].class)
                .without(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .<StoredLine[]>readValue(Items.str(item, "lines")))
            .map(l -> new PayableOrder.Line(l.name(), l.unitPrice(), l.quantity())).toList();
        return Optional.of(new PayableOrder(orderId, Items.str(item, "userId"), Items.str(item, "status"), lines,
            Items.num(item, "total"), Items.str(item, "currency"), Items.str(item, "correlationId")));
    }
}
