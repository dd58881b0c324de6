package dev.backplane.orders.store;

import static dev.backplane.core.store.Items.n;
import static dev.backplane.core.store.Items.s;

import dev.backplane.core.error.ConflictException;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.PageCursor;
import dev.backplane.core.store.Mutation;
import dev.backplane.core.store.TransactionFailedException;
import dev.backplane.core.store.UnitOfWork;
import dev.backplane.orders.domain.Money;
import dev.backplane.orders.domain.Order;
import dev.backplane.orders.domain.OrderEvents;
import dev.backplane.orders.domain.OrderLine;
import dev.backplane.orders.domain.OrderStatus;
import dev.backplane.orders.domain.OrderStore;
import dev.backplane.orders.domain.Page;
import dev.backplane.orders.domain.StatusChange;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Orders: {@code pk=ORDER#id, sk=ORDER}; a user's orders newest first through gsi1
 * ({@code gsi1pk=USER#<id>#ORDERS, gsi1sk=<createdAt>#<id>}). Stock moves with conditional updates in the same
 * transaction as the order and its outbox event.
 */
public final class DynamoOrderStore implements OrderStore {
    private static final String SK = "ORDER";
    static final String AWAITING_PAYMENT = "ORDERS#PENDING_PAYMENT";
    static final String AWAITING_REVIEW = "ORDERS#FLAGGED";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoOrderStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void place(Order order, NewEvent event, Trace trace) {
        UnitOfWork uow = unitOfWork(trace);
        uow.put("order", toItem(order, trace), Condition.notExists());
        for (OrderLine line : order.lines()) {
            uow.update("stock:" + line.productId(), Items.key(DynamoCatalog.pk(line.productId()), DynamoCatalog.SK),
                new Mutation("SET stock = stock - :qty, version = version + :one", "stock >= :qty", null,
                    Map.of(":qty", n(line.quantity()), ":one", n(1))));
        }
        uow.publish(event);
        try {
            uow.commit(dynamo);
        } catch (TransactionFailedException e) {
            String product = e.failedLabels().stream().filter(l -> l.startsWith("stock:")).map(l -> l.substring(6))
                .findFirst().orElse(null);
            if (product != null) {
                throw new ConflictException("insufficient-stock", "not enough stock left for product " + product);
            }
            throw e;
        }
    }

    @Override
    public void replace(Order next, boolean releaseStock, NewEvent event, Trace trace) {
        replace(next, releaseStock, List.of(event), trace);
    }

    @Override
    public void replace(Order next, boolean releaseStock, List<NewEvent> events, Trace trace) {
        UnitOfWork uow = unitOfWork(trace);
        uow.put("order", toItem(next, trace), Condition.versionIs(next.version() - 1));
        if (releaseStock) {
            for (OrderLine line : next.lines()) {
                uow.update("stock:" + line.productId(), Items.key(DynamoCatalog.pk(line.productId()), DynamoCatalog.SK),
                    new Mutation("SET stock = stock + :qty, version = version + :one", "attribute_exists(pk)", null,
                        Map.of(":qty", n(line.quantity()), ":one", n(1))));
            }
        }
        events.forEach(uow::publish);
        try {
            uow.commit(dynamo);
        } catch (TransactionFailedException e) {
            if (e.failed("order")) {
                throw new ConflictException("concurrent-modification", "order " + next.id() + " changed meanwhile; reload and retry");
            }
            throw e;
        }
    }

    @Override
    public void publish(NewEvent event, Trace trace) {
        UnitOfWork uow = unitOfWork(trace);
        uow.publish(event);
        uow.commit(dynamo);
    }

    @Override
    public List<Unpaid> awaitingPaymentSince(Instant cutoff, int limit) {
        var response = dynamo.query(b -> b.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :p AND gsi2sk < :cutoff")
            .expressionAttributeValues(Map.of(":p", s(AWAITING_PAYMENT), ":cutoff", s(cutoff.toString()))).limit(limit));
        return response.items().stream().map(i -> new Unpaid(fromItem(i), Items.str(i, "correlationId"))).toList();
    }

    @Override
    public Page<Order> awaitingReview(int limit, String cursor) {
        var response = dynamo.query(b -> b.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :p")
            .expressionAttributeValues(Map.of(":p", s(AWAITING_REVIEW))).limit(limit)
            .exclusiveStartKey(PageCursor.decode(cursor, "review:" + AWAITING_REVIEW)));
        return new Page<>(response.items().stream().map(DynamoOrderStore::fromItem).toList(), PageCursor.encode(response.lastEvaluatedKey(), "review:" + AWAITING_REVIEW));
    }

    @Override
    public Optional<Order> find(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key("ORDER#" + orderId, SK))
            .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Page<Order> listByUser(String userId, int limit, String cursor) {
        String partition = userPartition(userId);
        var response = dynamo.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
            .expressionAttributeValues(Map.of(":p", s(partition))).scanIndexForward(false).limit(limit)
            .exclusiveStartKey(PageCursor.decode(cursor, "orders:" + partition)));
        return new Page<>(response.items().stream().map(DynamoOrderStore::fromItem).toList(), PageCursor.encode(response.lastEvaluatedKey(), "orders:" + partition));
    }

    private UnitOfWork unitOfWork(Trace trace) { return new UnitOfWork(table, OrderEvents.SOURCE, trace, clock); }

    private static String userPartition(String userId) { return "USER#" + userId + "#ORDERS"; }

    private record StoredLine(String productId, String name, int quantity, long unitPrice) {}

    /**
     * The whole order item. {@code correlationId} is the chain of the write (billing and the expiry sweep continue it);
     * gsi2 is sparse: only orders awaiting payment carry its keys, so the sweep reads nothing else; the clock of an
     * unpaid order starts when it became payable (an approved review restarts it). Held orders sit in their own
     * gsi2 partition, the admin review queue.
     */
    private static Map<String, AttributeValue> toItem(Order o, Trace trace) {
        List<StoredLine> lines = o.lines().stream().map(l -> new StoredLine(l.productId(), l.name(), l.quantity(), l.unitPrice().amount())).toList();
        Items.Builder item = Items.map().put("pk", "ORDER#" + o.id()).put("sk", SK).put("userId", o.userId())
            .put("status", o.status().name()).put("lines", Json.write(lines)).put("total", o.total().amount())
            .put("currency", o.total().currency()).put("createdAt", o.createdAt().toString())
            .put("updatedAt", o.updatedAt().toString()).put("version", o.version()).put("history", Json.write(o.history()))
            .put("gsi1pk", userPartition(o.userId())).put("gsi1sk", o.createdAt() + "#" + o.id())
            .put("paymentId", o.paymentId()).put("correlationId", trace.correlationId());
        if (o.status() == OrderStatus.PENDING_PAYMENT) item.put("gsi2pk", AWAITING_PAYMENT).put("gsi2sk", o.updatedAt() + "#" + o.id());
        if (o.status() == OrderStatus.FLAGGED) item.put("gsi2pk", AWAITING_REVIEW).put("gsi2sk", o.updatedAt() + "#" + o.id());
        return item.build();
    }

    private static Order fromItem(Map<String, AttributeValue> item) {
        String currency = Items.str(item, "currency");
        List<OrderLine> lines = Arrays.stream(Json.read(Items.str(item, "lines"), StoredLine[].class))
            .map(l -> new OrderLine(l.productId(), l.name(), l.quantity(), new Money(l.unitPrice(), currency))).toList();
        List<StatusChange> history = Arrays.asList(Json.read(Items.str(item, "history"), StatusChange[].class));
        return new Order(Items.str(item, "pk").substring("ORDER#".length()), Items.str(item, "userId"),
            OrderStatus.valueOf(Items.str(item, "status")), lines, new Money(Items.num(item, "total"), currency),
            Instant.parse(Items.str(item, "createdAt")), Instant.parse(Items.str(item, "updatedAt")),
            Items.num(item, "version"), history, Items.str(item, "paymentId"));
    }
}
