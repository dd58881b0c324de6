package dev.backplane.billing.store;

import dev.backplane.billing.domain.BillingEvents;
import dev.backplane.billing.domain.WebhookInbox;
import dev.backplane.billing.domain.WebhookOutcome;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.TransactionFailedException;
import dev.backplane.core.store.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code pk=STRIPE_EVENT#<id>} is written in the same transaction as the event's effects (outbox events, credits, the
 * payment id on the checkout it paid),
 * conditional on not existing: of concurrent deliveries exactly one commits; the others see the condition fail.
 * Kept 35 days (Stripe retries for 3 days; events can be resent from the dashboard for 30).
 */
public final class DynamoWebhookInbox implements WebhookInbox {
    static final Duration RETENTION = Duration.ofDays(35);
    static final String LABEL = "stripe-event";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoWebhookInbox(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean reject(String stripeEventId, String type, String reason, Trace trace) {
        Instant now = clock.instant();
        UnitOfWork uow = new UnitOfWork(table, BillingEvents.SOURCE, trace, clock);
        uow.put(LABEL, Items.map().put("pk", "STRIPE_EVENT#" + stripeEventId).put("sk", "STRIPE_EVENT").put("receivedAt", now.toString())
            .put("outcome", "rejected").put("eventType", type).put("reason", reason.length() > 500 ? reason.substring(0, 500) : reason)
            .put("expiresAt", now.plus(RETENTION).getEpochSecond()).build(), Condition.notExists());
        return FirstWrite.commit(uow, dynamo, LABEL);
    }

    @Override
    public boolean accept(String stripeEventId, WebhookOutcome outcome, Trace trace) {
        return Retrying.untilSettled(() -> {
            Instant now = clock.instant();
            UnitOfWork uow = new UnitOfWork(table, BillingEvents.SOURCE, trace, clock);
            uow.put(LABEL, Items.map().put("pk", "STRIPE_EVENT#" + stripeEventId).put("sk", "STRIPE_EVENT")
                .put("receivedAt", now.toString()).put("expiresAt", now.plus(RETENTION).getEpochSecond()).build(), Condition.notExists());
            for (NewEvent event : outcome.events()) uow.publish(event);
            outcome.paid().ifPresent(paid -> DynamoCheckoutStore.stagePayment(uow, paid.reference(), paid.sessionId(), paid.paymentId()));
            boolean creditsApplied = outcome.credits().isPresent();
            outcome.credits().ifPresent(change -> CreditWrites.stage(uow, change, CreditWrites.read(dynamo, table, change.userId()), now));
            try {
                uow.commit(dynamo);
                return true;
            } catch (TransactionFailedException e) {
                if (e.failed(LABEL)) return false;
                // a purchase whose session already credited the user (another event of the same session): record the
                // event without crediting twice
                if (creditsApplied && e.failed(CreditWrites.LABEL_REFERENCE)) {
                    return accept(stripeEventId, outcome.withoutCredits(), trace);
                }
                // a lost race (the balance moved, or a concurrent duplicate still in flight): read again; a duplicate
                // then fails the event-id condition and is reported as such
                if (e.concurrentConflict() || e.failed(CreditWrites.LABEL_BALANCE)) throw new Retrying.LostRace();
                throw e;
            }
        });
    }
}
