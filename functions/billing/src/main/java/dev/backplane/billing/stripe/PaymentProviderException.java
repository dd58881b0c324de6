package dev.backplane.billing.stripe;

import com.stripe.exception.StripeException;

/**
 * Stripe said no or could not be reached. Carries Stripe's error code and request id for the logs, never the key.
 * Surfaces as a 500 (HTTP) or a retried message (consumers): the idempotency key makes the retry safe.
 */
public final class PaymentProviderException extends RuntimeException {
    public PaymentProviderException(String what, StripeException cause) {
        super(what + ": " + cause.getClass().getSimpleName() + " code=" + cause.getCode() + " status=" + cause.getStatusCode()
            + " requestId=" + cause.getRequestId(), null);
    }
}
