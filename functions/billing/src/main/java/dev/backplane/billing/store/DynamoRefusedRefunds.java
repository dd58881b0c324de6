package dev.backplane.billing.store;

import dev.backplane.billing.domain.BillingEvents;
import dev.backplane.billing.domain.RefusedRefunds;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.UnitOfWork;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code pk=REFUND_REFUSED#<orderId>, sk=PAYMENT#<paymentId>} (order, payment, Stripe's error code, when), written
 * with its {@code payment.refund_refused} event in one transaction and only once. Kept without expiry: it stays
 * until a person has settled the order.
 */
public final class DynamoRefusedRefunds implements RefusedRefunds {
    private static final String LABEL = "refund-refused";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoRefusedRefunds(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean record(String orderId, String paymentId, String code, Trace trace) {
        UnitOfWork uow = new UnitOfWork(table, BillingEvents.SOURCE, trace, clock);
        uow.put(LABEL, Items.map().put("pk", "REFUND_REFUSED#" + orderId).put("sk", "PAYMENT#" + paymentId).put("orderId", orderId)
            .put("paymentId", paymentId).put("code", code).put("refusedAt", clock.instant().toString()).build(), Condition.notExists());
        uow.publish(BillingEvents.refundRefused(new BillingEvents.RefundRefused(orderId, paymentId, code)));
        return FirstWrite.commit(uow, dynamo, LABEL);
    }
}
