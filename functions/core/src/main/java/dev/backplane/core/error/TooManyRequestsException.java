package dev.backplane.core.error;

public final class TooManyRequestsException extends DomainException {
    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        this("rate-limited", message, retryAfterSeconds);
    }

    /** Another kind of "not now" with its own stable code, e.g. {@code quota-exceeded}. */
    public TooManyRequestsException(String code, String message, long retryAfterSeconds) {
        super(code, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() { return retryAfterSeconds; }
}
