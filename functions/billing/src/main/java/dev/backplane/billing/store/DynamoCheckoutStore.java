package dev.backplane.billing.store;

import dev.backplane.billing.domain.BillingEvents;
import dev.backplane.billing.domain.CheckoutSession;
import dev.backplane.billing.domain.CheckoutStore;
import dev.backplane.billing.domain.ExpectedPayment;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.Mutation;
import dev.backplane.core.store.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code pk=CHECKOUT#<purchase reference>, sk=CHECKOUT}: the session opened for it and what it charges (amount,
 * currency, buyer, order or pack and its credits), removed by TTL a week after expiry — unless it was paid: then it
 * also holds the {@code paymentId} and is kept, as the record later refunds of that payment are matched against.
 */
public final class DynamoCheckoutStore implements CheckoutStore {
    private static final String SK = "CHECKOUT";
    static final String LABEL_PAID = "checkout-paid";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoCheckoutStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<CheckoutSession> find(String reference) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk(reference), SK)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new CheckoutSession(Items.str(item, "sessionId"), Items.str(item, "url"), Instant.parse(Items.str(item, "sessionExpiresAt"))));
    }

    @Override
    public Optional<ExpectedPayment> expected(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > 512) return Optional.empty();
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk(reference), SK)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey("amount")) return Optional.empty(); // recorded before amounts were kept
        return Optional.of(new ExpectedPayment(Items.str(item, "sessionId"), Items.str(item, "orderId"), Items.str(item, "packId"),
            Items.str(item, "userId"), Items.num(item, "amount"), Items.str(item, "currency"), item.containsKey("credits") ? Items.num(item, "credits") : 0,
            item.containsKey("paymentId") ? Items.str(item, "paymentId") : null));
    }

    @Override
    public boolean record(String reference, CheckoutSession session, ExpectedPayment expected, NewEvent event, Trace trace) {
        UnitOfWork uow = new UnitOfWork(table, BillingEvents.SOURCE, trace, clock);
        Items.Builder item = Items.map().put("pk", pk(reference)).put("sk", SK).put("sessionId", session.id()).put("url", session.url())
            .put("sessionExpiresAt", session.expiresAt().toString())
            .put("expiresAt", session.expiresAt().plus(Duration.ofDays(7)).getEpochSecond())
            .put("userId", expected.userId()).put("amount", expected.amount()).put("currency", expected.currency());
        if (expected.orderId() != null) item.put("orderId", expected.orderId());
        if (expected.packId() != null) item.put("packId", expected.packId()).put("credits", expected.credits());
        // an expired session may be replaced by a new one (Stripe closed it; the order still awaits payment); a paid one never
        uow.put("checkout", item.build(), new Condition("attribute_not_exists(pk) OR (sessionExpiresAt < :now AND attribute_not_exists(paymentId))",
            Map.of(), Map.of(":now", Items.s(clock.instant().toString()))));
        uow.publish(event);
        return FirstWrite.commit(uow, dynamo, "checkout");
    }

    /**
     * Stages, in the webhook's transaction, that the recorded session of {@code reference} was paid by {@code paymentId}:
     * the payment id is kept and the expiry TTL dropped. Fails the transaction (label {@link #LABEL_PAID}) if the
     * recorded session is no longer that one.
     */
    static void stagePayment(UnitOfWork uow, String reference, String sessionId, String paymentId) {
        uow.update(LABEL_PAID, Items.key(pk(reference), SK), new Mutation("SET paymentId = :payment REMOVE expiresAt", "sessionId = :session",
            null, Map.of(":payment", Items.s(paymentId), ":session", Items.s(sessionId))));
    }

    private static String pk(String reference) { return "CHECKOUT#" + reference; }
}
