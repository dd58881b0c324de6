package dev.backplane.agents.store;

import dev.backplane.agents.fraud.FraudProfile;
import dev.backplane.agents.fraud.FraudStore;
import dev.backplane.agents.fraud.OrderRisk;
import dev.backplane.agents.kernel.AgentEvents;
import dev.backplane.agents.kernel.Decision;
import dev.backplane.core.error.ConflictException;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.TransactionFailedException;
import dev.backplane.core.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The fraud projection: {@code FRAUD#USER#<id>/PROFILE} (versioned) and {@code FRAUD#ORDER#<id>/ORDER}, written in the
 * same transaction as the decision and its outbox events.
 */
public final class DynamoFraudStore implements FraudStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoFraudStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public FraudProfile profile(String userId) {
        Map<String, AttributeValue> i = get(profileKey(userId));
        if (i == null) return FraudProfile.empty(userId);
        String registered = Items.str(i, "registeredAt");
        return new FraudProfile(userId, registered == null ? null : Instant.parse(registered),
            Items.strings(i, "recentOrders").stream().map(Instant::parse).toList(), Items.num(i, "orderCount"),
            Items.num(i, "amountSum"), (int) Items.num(i, "failedInRow"), Items.num(i, "version"));
    }

    @Override
    public Optional<OrderRisk> order(String orderId) {
        Map<String, AttributeValue> i = get(Items.key("FRAUD#ORDER#" + orderId, "ORDER"));
        return i == null ? Optional.empty() : Optional.of(new OrderRisk(orderId, Items.str(i, "userId"), Items.num(i, "total"),
            Items.str(i, "currency"), Items.num(i, "flagRequested") == 1));
    }

    @Override
    public boolean record(FraudProfile profile, OrderRisk order, Decision decision, List<NewEvent> events, Trace trace) {
        UnitOfWork uow = new UnitOfWork(table, AgentEvents.SOURCE, trace, clock);
        putProfile(uow, profile);
        uow.put("order", Items.map().put("pk", "FRAUD#ORDER#" + order.orderId()).put("sk", "ORDER").put("userId", order.userId())
            .put("total", order.total()).put("currency", order.currency()).put("flagRequested", order.flagRequested() ? 1 : 0).build(), null);
        DecisionItems.add(uow, decision);
        events.forEach(uow::publish);
        try {
            uow.commit(dynamo);
            return true;
        } catch (TransactionFailedException e) {
            if (e.failed(DecisionItems.LABEL)) return false;
            throw new ConflictException("concurrent-modification", "fraud profile of " + profile.userId() + " changed meanwhile");
        }
    }

    @Override
    public void save(FraudProfile profile) {
        // no event here: the unit only carries the versioned put
        UnitOfWork uow = new UnitOfWork(table, AgentEvents.SOURCE, Trace.startedBy(dev.backplane.core.event.Actor.SYSTEM), clock);
        putProfile(uow, profile);
        try {
            uow.commit(dynamo);
        } catch (TransactionFailedException e) {
            throw new ConflictException("concurrent-modification", "fraud profile of " + profile.userId() + " changed meanwhile");
        }
    }

    private void putProfile(UnitOfWork uow, FraudProfile p) {
        Items.Builder item = Items.map().put("pk", "FRAUD#USER#" + p.userId()).put("sk", "PROFILE").put("registeredAt", p.registeredAt() == null ? null : p.registeredAt().toString())
            .put("recentOrders", Items.list(p.recentOrders().stream().map(Instant::toString).toList()))
            .put("orderCount", p.orderCount()).put("amountSum", p.amountSum()).put("failedInRow", p.failedInRow())
            .put("version", p.version() + 1);
        uow.put("profile", item.build(), p.version() == 0 ? Condition.notExists() : Condition.versionIs(p.version()));
    }

    private static Map<String, AttributeValue> profileKey(String userId) { return Items.key("FRAUD#USER#" + userId, "PROFILE"); }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }
}
