package dev.backplane.billing.domain;

import dev.backplane.core.event.Trace;

/**
 * Port: refunds the payment provider refused for good, each recorded once per order and payment together with its
 * {@code payment.refund_refused} event, so a person can settle it (and the admin feed shows it).
 */
public interface RefusedRefunds {
    /** Records the refusal and its event; false when this order's refund of this payment was already recorded (nothing written). */
    boolean record(String orderId, String paymentId, String code, Trace trace);
}
