package dev.backplane.billing.store;

import static dev.backplane.core.store.Items.n;

import dev.backplane.billing.domain.CreditChange;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.Mutation;
import dev.backplane.core.store.UnitOfWork;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of a user's credits, all in one partition {@code CREDITS#<userId>}: {@code BALANCE} (balance, version),
 * {@code ENTRY#<at>#<id>} (append-only ledger) and {@code REF#<reference>} (each reference applies once).
 * {@link #stage} adds one change to a unit of work, conditional on the balance version it read.
 */
final class CreditWrites {
    static final String BALANCE = "BALANCE";
    static final String ENTRY_PREFIX = "ENTRY#";
    static final String LABEL_BALANCE = "credits-balance";
    static final String LABEL_REFERENCE = "credits-reference";

    private CreditWrites() {}

    static String pk(String userId) { return "CREDITS#" + userId; }

    record Balance(long amount, long version) {}

    static Balance read(DynamoDbClient dynamo, String table, String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk(userId), BALANCE)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return new Balance(0, 0);
        return new Balance(Items.num(item, "balance"), Items.num(item, "version"));
    }

    static boolean referenceUsed(DynamoDbClient dynamo, String table, CreditChange change) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk(change.userId()), "REF#" + change.reference())).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** Stages the change on top of {@code current}; returns the balance after it (caller checks it is not negative). */
    static long stage(UnitOfWork uow, CreditChange change, Balance current, Instant now) {
        long after = Math.addExact(current.amount(), change.delta());
        String pk = pk(change.userId());
        uow.put(LABEL_REFERENCE, Items.map().put("pk", pk).put("sk", "REF#" + change.reference()).put("at", now.toString()).build(),
            Condition.notExists());
        if (current.version() == 0) {
            uow.put(LABEL_BALANCE, Items.map().put("pk", pk).put("sk", BALANCE).put("balance", after).put("version", 1).build(),
                Condition.notExists());
        } else {
            // the version pins the balance we computed from; ">= 0" is a second guard that the ledger never goes negative
            uow.update(LABEL_BALANCE, Items.key(pk, BALANCE), new Mutation("SET balance = :after, version = :next",
                "version = :read AND :after >= :zero", null,
                Map.of(":after", n(after), ":next", n(current.version() + 1), ":read", n(current.version()), ":zero", n(0))));
        }
        String id = UUID.randomUUID().toString();
        uow.put("credits-entry", Items.map().put("pk", pk).put("sk", ENTRY_PREFIX + now + "#" + id).put("entryId", id)
            .put("delta", change.delta()).put("balanceAfter", after).put("reason", change.reason())
            .put("reference", change.reference()).put("at", now.toString()).build(), Condition.notExists());
        uow.publish(change.event(after));
        return after;
    }
}
