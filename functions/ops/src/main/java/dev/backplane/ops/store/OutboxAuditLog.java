package dev.backplane.ops.store;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.UnitOfWork;
import dev.backplane.ops.domain.AuditLog;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Operator actions as {@code backplane.ops} events through the outbox: on the bus, in the event store, in traces. */
public final class OutboxAuditLog implements AuditLog {
    public static final String SOURCE = "backplane.ops";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public OutboxAuditLog(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void record(NewEvent event, Trace trace) {
        UnitOfWork uow = new UnitOfWork(table, SOURCE, trace, clock);
        uow.publish(event);
        uow.commit(dynamo);
    }
}
