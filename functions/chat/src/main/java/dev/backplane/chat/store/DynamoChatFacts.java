package dev.backplane.chat.store;

import static dev.backplane.core.store.Items.n;
import static dev.backplane.core.store.Items.s;

import dev.backplane.chat.domain.ChatFacts;
import dev.backplane.chat.domain.Credits;
import dev.backplane.chat.domain.OrderFact;
import dev.backplane.chat.domain.ProductFact;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Chat's own projection of orders and credits, built from events (never from the orders or billing items):
 * {@code CHATORDER#<orderId>/CHATORDER} (a user's orders newest first in gsi1 {@code USER#<id>#CHATORDERS}) and
 * {@code CHATCREDITS#<user>/CREDITS}: {@code balance} (billing's, from the newest credits event), {@code reserved}
 * (held for replies in progress), {@code pending} (spent by finished replies, until billing's credits.spent confirms)
 * and {@code available = balance - reserved - pending}, kept as its own attribute so a reservation is ONE conditional
 * update ({@code available >= :r}; DynamoDB conditions cannot do arithmetic). Products: {@code CHATPRODUCT#<id>/CHATPRODUCT},
 * all in gsi1 {@code CHATPRODUCTS} by name (a catalog is small: a search reads that partition and matches words).
 */
public final class DynamoChatFacts implements ChatFacts {
    private static final int ATTEMPTS = 8;
    private static final String PRODUCTS = "CHATPRODUCTS";
    /** A catalog larger than this is beyond what a scan-and-match search should read per question. */
    private static final int MAX_PRODUCTS_READ = 2000;
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoChatFacts(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> creditsKey(String userId) { return Items.key("CHATCREDITS#" + userId, "CREDITS"); }

    private static Map<String, AttributeValue> orderKey(String orderId) { return Items.key("CHATORDER#" + orderId, "CHATORDER"); }

    @Override
    public List<OrderFact> orders(String userId, int limit) {
        var r = dynamo.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
            .expressionAttributeValues(Map.of(":p", s("USER#" + userId + "#CHATORDERS"))).scanIndexForward(false).limit(limit));
        return r.items().stream().map(DynamoChatFacts::order).toList();
    }

    @Override
    public Optional<OrderFact> order(String orderId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(orderKey(orderId)).consistentRead(true)).item();
        return item == null || !item.containsKey("userId") ? Optional.empty() : Optional.of(order(item));
    }

    @Override
    public Credits credits(String userId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(creditsKey(userId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return new Credits(0, 0, 0);
        return new Credits(Items.num(item, "balance"), Items.num(item, "reserved"), Items.num(item, "pending"));
    }

    /** order.placed: the order's facts; a status that arrived first (events are unordered) is kept. */
    public void orderPlaced(String orderId, String userId, long total, String currency, List<String> productIds, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(orderKey(orderId))
            .updateExpression("SET userId = :u, #total = :t, #currency = :c, products = :p, placedAt = :at, gsi1pk = :g, gsi1sk = :gs, "
                + "#status = if_not_exists(#status, :placed), statusAt = if_not_exists(statusAt, :at)")
            .expressionAttributeNames(Map.of("#status", "status", "#total", "total", "#currency", "currency"))
            .expressionAttributeValues(Map.of(":u", s(userId), ":t", n(total), ":c", s(currency), ":p", s(Json.write(productIds)),
                ":at", s(at.toString()), ":g", s("USER#" + userId + "#CHATORDERS"), ":gs", s(at + "#" + orderId), ":placed", s("PENDING_PAYMENT"))));
    }

    /** A later status; an older event arriving late changes nothing. */
    public void orderStatus(String orderId, String status, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(orderKey(orderId)).updateExpression("SET #status = :s, statusAt = :at")
                .conditionExpression("attribute_not_exists(statusAt) OR statusAt < :at OR #status = :placed")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":s", s(status), ":at", s(at.toString()), ":placed", s("PENDING_PAYMENT"))));
        } catch (ConditionalCheckFailedException stale) {
            // a newer status is already recorded
        }
    }

    /**
     * A credits event from billing: the balance it reports (if newer than ours) and, for a chat reply's spend, the
     * pending amount it confirms; {@code available} is recomputed. Read + write guarded by {@code version}, retried on a race.
     */
    public void creditsChanged(String userId, long balance, Instant at, long confirmedSpend) {
        Map<String, AttributeValue> key = creditsKey(userId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            boolean exists = item != null && !item.isEmpty();
            long version = exists ? Items.num(item, "version") : 0;
            boolean newer = !exists || Items.str(item, "balanceAt") == null || Instant.parse(Items.str(item, "balanceAt")).isBefore(at);
            long newBalance = newer ? balance : Items.num(item, "balance");
            long reserved = exists ? Items.num(item, "reserved") : 0;
            long pending = Math.max(0, (exists ? Items.num(item, "pending") : 0) - confirmedSpend);
            Map<String, AttributeValue> next = new HashMap<>(key);
            next.put("balance", n(newBalance));
            next.put("balanceAt", s(newer ? at.toString() : Items.str(item, "balanceAt")));
            next.put("reserved", n(reserved));
            next.put("pending", n(pending));
            next.put("available", n(newBalance - reserved - pending));
            next.put("version", n(version + 1));
            try {
                dynamo.putItem(b -> b.tableName(table).item(next)
                    .conditionExpression(exists ? "version = :v" : "attribute_not_exists(pk)")
                    .expressionAttributeValues(exists ? Map.of(":v", n(version)) : null));
                return;
            } catch (ConditionalCheckFailedException raced) {
                // a reservation or another event moved it: read again
            }
        }
        throw new IllegalStateException("credits projection of a user kept changing; the event will be retried");
    }

    private static Map<String, AttributeValue> productKey(String productId) { return Items.key("CHATPRODUCT#" + productId, "CHATPRODUCT"); }

    /** product.listed: the product as shoppers see it; an older listing arriving late changes nothing. */
    public void productListed(ProductFact p, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(productKey(p.productId()))
                .updateExpression("SET #name = :n, description = :d, price = :p, #currency = :c, listedAt = :at, gsi1pk = :g, gsi1sk = :gs")
                .conditionExpression("attribute_not_exists(listedAt) OR listedAt <= :at")
                .expressionAttributeNames(Map.of("#name", "name", "#currency", "currency"))
                .expressionAttributeValues(Map.of(":n", s(p.name()), ":d", s(p.description()), ":p", n(p.price()), ":c", s(p.currency()),
                    ":at", s(at.toString()), ":g", s(PRODUCTS), ":gs", s(p.name().toLowerCase(Locale.ROOT) + "#" + p.productId()))));
        } catch (ConditionalCheckFailedException stale) {
            // a newer listing is already recorded
        }
    }

    @Override
    public List<ProductFact> searchProducts(List<String> words, int limit) {
        List<String> wanted = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).filter(w -> !w.isBlank()).toList();
        List<ProductFact> found = new ArrayList<>();
        var pages = dynamo.queryPaginator(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
            .expressionAttributeValues(Map.of(":p", s(PRODUCTS))));
        int read = 0;
        for (var item : pages.items()) {
            if (++read > MAX_PRODUCTS_READ || found.size() == limit) break;
            ProductFact p = new ProductFact(Items.str(item, "pk").substring("CHATPRODUCT#".length()), Items.str(item, "name"),
                Items.str(item, "description"), Items.num(item, "price"), Items.str(item, "currency"));
            String text = (p.name() + " " + p.description()).toLowerCase(Locale.ROOT);
            if (!wanted.isEmpty() && wanted.stream().allMatch(text::contains)) found.add(p);
        }
        return found;
    }

    private static OrderFact order(Map<String, AttributeValue> i) {
        return new OrderFact(Items.str(i, "pk").substring("CHATORDER#".length()), Items.str(i, "userId"), Items.str(i, "status"),
            Items.num(i, "total"), Items.str(i, "currency"), Instant.parse(Items.str(i, "placedAt")),
            Arrays.asList(Json.read(Items.str(i, "products"), String[].class)));
    }
}
