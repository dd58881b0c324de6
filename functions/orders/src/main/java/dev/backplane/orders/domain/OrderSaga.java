package dev.backplane.orders.domain;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives an order after it was placed, one event at a time, without blocking anyone. Each step is a conditional
 * write on the order's version; an event that no longer applies (duplicate, late) is a no-op, and one that
 * arrived too early (a refund before the payment) throws {@link NotYetApplicable} so its message is retried.
 */
public final class OrderSaga {
    private static final Logger LOG = LoggerFactory.getLogger(OrderSaga.class);
    private final OrderStore store;
    private final Clock clock;

    /** The event depends on one that has not been applied yet: let the queue deliver it again later. */
    public static final class NotYetApplicable extends RuntimeException {
        public NotYetApplicable(String message) { super(message); }
    }

    public OrderSaga(OrderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code payment.succeeded} → PAID + {@code order.paid}; a payment for a dead order is handed back. */
    public void paymentSucceeded(String orderId, String paymentId, Trace trace) {
        Optional<Order> found = store.find(orderId);
        if (found.isEmpty()) {
            LOG.warn("payment for unknown order {} ignored", orderId);
            return;
        }
        Order order = found.get();
        if (order.status() == OrderStatus.PENDING_PAYMENT) {
            Order paid = order.paidWith(paymentId, clock.instant());
            store.replace(paid, false, OrderEvents.paid(paid), trace);
        } else if (order.status() == OrderStatus.FLAGGED && order.paymentId() == null && paymentId != null) {
            // a checkout opened before the hold was completed: keep the money until the review decides
            store.replace(order.heldWithPayment(paymentId, clock.instant()), false, List.of(), trace);
        } else if (paymentId != null && !paymentId.equals(order.paymentId())) {
            // money for an order that expired/was cancelled meanwhile, or a second payment: give it back
            LOG.info("late or second payment for order {} ({}): requesting its refund", orderId, order.status());
            store.publish(OrderEvents.refundRequested(order, paymentId, "late_payment"), trace);
        }
    }

    /**
     * {@code order.flag_requested} from the fraud agent → FLAGGED + {@code order.flagged}: not payable, stock kept,
     * until an admin reviews it ({@link OrderReview}). Orders that are already paid or closed are left alone.
     */
    public void flagRequested(String orderId, int score, List<String> reasons, Trace trace) {
        store.find(orderId).filter(o -> o.status() == OrderStatus.PENDING_PAYMENT).ifPresent(order -> {
            String why = reasons.isEmpty() ? "fraud_review" : "fraud_review: " + String.join("; ", reasons);
            Order held = order.transitionTo(OrderStatus.FLAGGED, why.length() > 500 ? why.substring(0, 500) : why, clock.instant());
            store.replace(held, false, OrderEvents.flagged(held, score, reasons), trace);
        });
    }

    /** {@code order.paid} → the fulfilment step → FULFILLED + {@code order.fulfilled}. */
    public void fulfil(String orderId, Trace trace) {
        store.find(orderId).filter(o -> o.status() == OrderStatus.PAID).ifPresent(order -> {
            Order fulfilled = order.transitionTo(OrderStatus.FULFILLED, "fulfilled", clock.instant());
            store.replace(fulfilled, false, OrderEvents.fulfilled(fulfilled), trace);
        });
    }

    /** {@code payment.failed} → CANCELLED (payment_failed), stock released; ignored once the order moved on. */
    public void paymentFailed(String orderId, Trace trace) {
        store.find(orderId).filter(o -> o.status() == OrderStatus.PENDING_PAYMENT)
            .ifPresent(order -> cancel(order, "payment_failed", trace));
    }

    /** {@code payment.refunded} → REFUNDED + {@code order.refunded}. */
    public void paymentRefunded(String orderId, String paymentId, long amount, Trace trace) {
        Order order = store.find(orderId).orElse(null);
        if (order == null) return;
        if (order.status() == OrderStatus.PENDING_PAYMENT) {
            throw new NotYetApplicable("refund of order " + orderId + " arrived before its payment");
        }
        // a refund of a late payment concerns a cancelled order: nothing to change
        if (!order.status().isPaid() || (paymentId != null && !paymentId.equals(order.paymentId()))) return;
        Order refunded = order.transitionTo(OrderStatus.REFUNDED, "refunded", clock.instant());
        store.replace(refunded, false, OrderEvents.refunded(refunded, amount), trace);
    }

    /**
     * The scheduled sweep: orders unpaid for longer than {@code timeout} are cancelled (expired), stock released.
     * Each cancellation continues the order's own correlation chain, caused by this run ({@code runId}).
     */
    public int expireUnpaid(Duration timeout, int batch, String runId) {
        Instant cutoff = clock.instant().minus(timeout);
        int expired = 0;
        for (OrderStore.Unpaid unpaid : store.awaitingPaymentSince(cutoff, batch)) {
            Order order = unpaid.order();
            String correlationId = unpaid.correlationId() != null ? unpaid.correlationId() : Trace.mintId();
            try {
                cancel(order, "expired", new Trace(correlationId, runId, Actor.SYSTEM));
                expired++;
            } catch (dev.backplane.core.error.ConflictException raced) {
                // paid or cancelled at this very moment: the other writer won, which is fine
                LOG.info("order {} changed while expiring it: left as is", order.id());
            }
        }
        return expired;
    }

    private void cancel(Order order, String reason, Trace trace) {
        Order cancelled = order.transitionTo(OrderStatus.CANCELLED, reason, clock.instant());
        store.replace(cancelled, true, OrderEvents.cancelled(cancelled, reason), trace);
    }
}
