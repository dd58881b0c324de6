package dev.backplane.orders.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.error.ConflictException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The saga's transitions: paid orders refund (directly or via REFUND_PENDING), dead orders stay dead. */
class SagaRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Order PLACED = Order.place("ord_1", "user-alice",
        List.of(new OrderLine("p-mug", "Mug", 1, new Money(1800, "EUR"))), NOW);

    @Test
    void payingRemembersThePaymentAndBumpsTheVersion() {
        Order paid = PLACED.paidWith("pi_1", NOW.plusSeconds(60));
        assertEquals(OrderStatus.PAID, paid.status());
        assertEquals("pi_1", paid.paymentId());
        assertEquals(2, paid.version());
        assertEquals("pi_1", paid.transitionTo(OrderStatus.FULFILLED, "fulfilled", NOW).paymentId());
        assertThrows(ConflictException.class, () -> paid.paidWith("pi_2", NOW));
    }

    @Test
    void refundsFollowPaymentOnly() {
        assertTrue(OrderStatus.PAID.canBecome(OrderStatus.REFUND_PENDING));
        assertTrue(OrderStatus.FULFILLED.canBecome(OrderStatus.REFUND_PENDING));
        assertTrue(OrderStatus.REFUND_PENDING.canBecome(OrderStatus.REFUNDED));
        assertFalse(OrderStatus.PENDING_PAYMENT.canBecome(OrderStatus.REFUNDED));
        assertFalse(OrderStatus.PAID.canBecome(OrderStatus.CANCELLED));
        assertFalse(OrderStatus.REFUND_PENDING.canBecome(OrderStatus.CANCELLED));
        assertFalse(OrderStatus.CANCELLED.canBecome(OrderStatus.PAID));
        assertTrue(OrderStatus.REFUND_PENDING.isPaid());
        assertFalse(OrderStatus.CANCELLED.isPaid());
    }
}
