package dev.backplane.orders.store;

import static dev.backplane.core.store.Items.s;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.Mutation;
import dev.backplane.core.store.PageCursor;
import dev.backplane.core.store.UnitOfWork;
import dev.backplane.orders.domain.Catalog;
import dev.backplane.orders.domain.Money;
import dev.backplane.orders.domain.OrderEvents;
import dev.backplane.orders.domain.Page;
import dev.backplane.orders.domain.Product;
import dev.backplane.orders.domain.ProductEvents;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Products: {@code pk=PRODUCT#id, sk=PRODUCT}; listed by name through gsi1 ({@code gsi1pk=PRODUCTS}). */
public final class DynamoCatalog implements Catalog {
    static final String SK = "PRODUCT";
    static final String LIST_PARTITION = "PRODUCTS";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCatalog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String pk(String productId) { return "PRODUCT#" + productId; }

    @Override
    public Optional<Product> find(String productId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk(productId), SK))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Map<String, Product> findAll(Collection<String> ids) {
        Map<String, Product> found = new HashMap<>();
        if (ids.isEmpty()) return found;
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
            .keys(ids.stream().distinct().map(id -> Items.key(pk(id), SK)).toList()).consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> current = request;
            var response = dynamo.batchGetItem(b -> b.requestItems(current));
            response.responses().getOrDefault(table, List.of()).forEach(item -> {
                Product p = fromItem(item);
                found.put(p.id(), p);
            });
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    @Override
    public Page<Product> list(int limit, String cursor) {
        var response = dynamo.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
            .expressionAttributeValues(Map.of(":p", s(LIST_PARTITION))).limit(limit)
            .exclusiveStartKey(PageCursor.decode(cursor, "products:" + LIST_PARTITION)));
        return new Page<>(response.items().stream().map(DynamoCatalog::fromItem).toList(), PageCursor.encode(response.lastEvaluatedKey(), "products:" + LIST_PARTITION));
    }

    /**
     * Seeding: creates the product, or updates its name/description/price while keeping live stock; the product's
     * {@code product.listed} event goes to the outbox in the same transaction (other domains' copies follow it).
     */
    public void upsert(Product p) {
        UnitOfWork unit = new UnitOfWork(table, OrderEvents.SOURCE, Trace.startedBy(Actor.SYSTEM), Clock.systemUTC());
        unit.update("product", Items.key(pk(p.id()), SK), new Mutation(
            "SET #name = :name, description = :description, price = :price, currency = :currency, "
                + "gsi1pk = :list, gsi1sk = :sortKey, stock = if_not_exists(stock, :stock), version = if_not_exists(version, :one)",
            null, Map.of("#name", "name"),
            Map.of(":name", s(p.name()), ":description", s(p.description()),
                ":price", Items.n(p.price().amount()), ":currency", s(p.price().currency()), ":list", s(LIST_PARTITION),
                ":sortKey", s(p.name().toLowerCase() + "#" + p.id()), ":stock", Items.n(p.stock()), ":one", Items.n(1))));
        unit.publish(ProductEvents.listed(p));
        unit.commit(dynamo);
    }

    static Product fromItem(Map<String, AttributeValue> item) {
        return new Product(Items.str(item, "pk").substring("PRODUCT#".length()), Items.str(item, "name"),
            Items.str(item, "description"), new Money(Items.num(item, "price"), Items.str(item, "currency")),
            (int) Items.num(item, "stock"));
    }
}
