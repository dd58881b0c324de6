package dev.backplane.billing.domain;

/**
 * The payment provider refused a request for good (an unknown payment, an invalid request): retrying cannot succeed,
 * so consumers acknowledge the message, record the refusal and alarm instead of retrying into the dead-letter queue.
 */
public final class PaymentRefused extends RuntimeException {
    private final String code;

    public PaymentRefused(String what, String code) {
        super(what + " (provider code " + code + ")", null, false, false);
        this.code = code;
    }

    public String code() { return code; }
}
