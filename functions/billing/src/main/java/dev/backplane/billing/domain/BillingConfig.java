package dev.backplane.billing.domain;

import java.time.Duration;

/**
 * Billing settings: where Stripe sends the buyer back to, how long a checkout stays open (Stripe allows 30 min to
 * 24 h) and how old a signed webhook may be.
 */
public record BillingConfig(String successUrl, String cancelUrl, Duration checkoutOpenFor, Duration webhookTolerance) {
    public static final Duration MIN_CHECKOUT = Duration.ofMinutes(30);

    public BillingConfig {
        if (checkoutOpenFor.compareTo(MIN_CHECKOUT) < 0 || checkoutOpenFor.compareTo(Duration.ofHours(23)) > 0) {
            throw new IllegalArgumentException("a checkout must stay open between 30 minutes and 23 hours (Stripe allows 24 h; keys round up 5 min), got " + checkoutOpenFor);
        }
    }
}
