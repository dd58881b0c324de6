package dev.backplane.orders.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.error.ConflictException;
import dev.backplane.core.error.FieldError;
import dev.backplane.core.error.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void placeOrderNamesEveryInvalidField() {
        PlaceOrder command = new PlaceOrder(List.of(new PlaceOrder.Line("p-1", 0), new PlaceOrder.Line("bad id!", 101),
            new PlaceOrder.Line("p-1", 1)));
        ValidationException e = assertThrows(ValidationException.class, command::validate);
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("lines[0].quantity", "lines[1].productId", "lines[1].quantity", "lines[2].productId"), fields);
    }

    @Test
    void placeOrderNeedsOneToFiftyLines() {
        assertThrows(ValidationException.class, () -> new PlaceOrder(List.of()).validate());
        assertThrows(ValidationException.class, () -> new PlaceOrder(null).validate());
        List<PlaceOrder.Line> fiftyOne = new ArrayList<>(IntStream.range(0, 51).mapToObj(i -> new PlaceOrder.Line("p-" + i, 1)).toList());
        ValidationException e = assertThrows(ValidationException.class, () -> new PlaceOrder(fiftyOne).validate());
        assertEquals("lines", e.errors().getFirst().field());
        new PlaceOrder(fiftyOne.subList(0, 50)).validate();
    }

    @Test
    void totalsAreComputedInMinorUnits() {
        Order o = Order.place("o1", "u1", List.of(new OrderLine("a", "A", 3, new Money(250, "EUR")),
            new OrderLine("b", "B", 1, new Money(999, "EUR"))), NOW);
        assertEquals(new Money(1749, "EUR"), o.total());
        assertEquals(OrderStatus.PENDING_PAYMENT, o.status());
        assertEquals(1, o.version());
    }

    @Test
    void transitionsFollowTheLifecycleAndRecordHistory() {
        Order placed = Order.place("o1", "u1", List.of(new OrderLine("a", "A", 1, new Money(100, "EUR"))), NOW);
        Order cancelled = placed.transitionTo(OrderStatus.CANCELLED, "user", NOW.plusSeconds(5));
        assertEquals(2, cancelled.version());
        assertEquals(List.of(OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED), cancelled.history().stream().map(StatusChange::status).toList());
        ConflictException e = assertThrows(ConflictException.class, () -> cancelled.transitionTo(OrderStatus.CANCELLED, "user", NOW));
        assertEquals("illegal-transition", e.code());
        assertThrows(ConflictException.class, () -> placed.transitionTo(OrderStatus.FULFILLED, "x", NOW));
        assertTrue(OrderStatus.PAID.canBecome(OrderStatus.REFUNDED));
    }

    @Test
    void moneyRefusesMixedCurrencies() {
        assertThrows(IllegalArgumentException.class, () -> new Money(1, "EUR").plus(new Money(1, "USD")));
        assertThrows(IllegalArgumentException.class, () -> new Money(1, "euro"));
    }
}
