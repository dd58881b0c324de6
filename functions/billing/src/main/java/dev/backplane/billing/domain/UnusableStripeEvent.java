package dev.backplane.billing.domain;

/**
 * A correctly signed Stripe event we cannot use: a field of the wrong type or a payment that does not match the
 * checkout Backplane opened. Acknowledged to Stripe (a retry would not change it), recorded as rejected, alarmed.
 */
public final class UnusableStripeEvent extends RuntimeException {
    public UnusableStripeEvent(String reason) { super(reason, null, false, false); }
}
