package dev.backplane.billing.store;

import static dev.backplane.core.store.Items.s;

import dev.backplane.billing.domain.BillingEvents;
import dev.backplane.billing.domain.CreditChange;
import dev.backplane.billing.domain.CreditStore;
import dev.backplane.billing.domain.LedgerEntry;
import dev.backplane.billing.domain.Page;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.PageCursor;
import dev.backplane.core.store.TransactionFailedException;
import dev.backplane.core.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Credits on the app table (items: {@link CreditWrites}); the ledger is read newest first with opaque cursors. */
public final class DynamoCreditStore implements CreditStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoCreditStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Result apply(CreditChange change, Trace trace) {
        return Retrying.untilSettled(() -> {
            CreditWrites.Balance current = CreditWrites.read(dynamo, table, change.userId());
            if (current.amount() + change.delta() < 0) {
                return CreditWrites.referenceUsed(dynamo, table, change) ? Result.DUPLICATE : Result.INSUFFICIENT;
            }
            UnitOfWork uow = new UnitOfWork(table, BillingEvents.SOURCE, trace, clock);
            CreditWrites.stage(uow, change, current, clock.instant());
            try {
                uow.commit(dynamo);
                return Result.APPLIED;
            } catch (TransactionFailedException e) {
                if (e.failed(CreditWrites.LABEL_REFERENCE)) return Result.DUPLICATE;
                if (e.failed(CreditWrites.LABEL_BALANCE) || e.concurrentConflict()) throw new Retrying.LostRace();
                throw e;
            }
        });
    }

    @Override
    public long balance(String userId) { return CreditWrites.read(dynamo, table, userId).amount(); }

    @Override
    public Page<LedgerEntry> ledger(String userId, int limit, String cursor) {
        String pk = CreditWrites.pk(userId);
        var response = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :entry)")
            .expressionAttributeValues(Map.of(":pk", s(pk), ":entry", s(CreditWrites.ENTRY_PREFIX)))
            .scanIndexForward(false).limit(limit).exclusiveStartKey(PageCursor.decode(cursor, "ledger:" + pk)));
        return new Page<>(response.items().stream().map(DynamoCreditStore::entry).toList(), PageCursor.encode(response.lastEvaluatedKey(), "ledger:" + pk));
    }

    private static LedgerEntry entry(Map<String, AttributeValue> item) {
        return new LedgerEntry(Items.str(item, "entryId"), Items.num(item, "delta"), Items.num(item, "balanceAfter"),
            Items.str(item, "reason"), Items.str(item, "reference"), Instant.parse(Items.str(item, "at")));
    }
}
