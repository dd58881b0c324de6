package dev.backplane.billing.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries out refunds the order saga asks for ({@code order.refund_requested}). The provider call is keyed by the
 * order, so a redelivered request refunds once; Stripe confirms with {@code charge.refunded} → {@code payment.refunded}.
 */
public final class RefundService {
    private final PaymentGateway gateway;

    public RefundService(PaymentGateway gateway) { this.gateway = gateway; }

    public void refund(String orderId, String paymentId, String correlationId) {
        if (paymentId == null || paymentId.isBlank()) {
            throw new IllegalArgumentException("order " + orderId + " asks for a refund without a payment id");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("orderId", orderId);
        metadata.put("correlationId", correlationId);
        gateway.refund(paymentId, "refund:" + orderId + ":" + paymentId, metadata);
    }
}
