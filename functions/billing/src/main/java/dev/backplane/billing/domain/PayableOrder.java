package dev.backplane.billing.domain;

import java.util.List;

/** The parts of an order billing needs to charge it (read from the orders module's order item). */
public record PayableOrder(String orderId, String userId, String status, List<Line> lines, long total, String currency,
                           String correlationId) {
    public static final String PENDING_PAYMENT = "PENDING_PAYMENT";

    public record Line(String name, long unitPrice, int quantity) {}

    public PayableOrder {
        lines = List.copyOf(lines);
    }

    public boolean awaitsPayment() { return PENDING_PAYMENT.equals(status); }
}
