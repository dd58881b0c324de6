package dev.backplane.billing.api;

import dev.backplane.core.observability.Observability;

/**
 * Port: the counters billing's alarms watch (template.yaml: {@code RejectedWebhooksAlarm}, {@code RefusedRefundsAlarm},
 * both on the function's {@code Service} dimension). On Lambda they are embedded-metric-format lines that core's
 * {@link Observability} flushes after each invocation; tests record them.
 */
public interface BillingMetrics {
    /** A correctly signed Stripe event was rejected (mismatching payment, unusable fields or envelope). */
    String WEBHOOK_REJECTED = "stripe.webhook.rejected";
    /** Stripe refused a refund for good. */
    String REFUND_REFUSED = "billing.refund.refused";

    void count(String metric);

    BillingMetrics EMF = metric -> Observability.count(metric, 1);
}
