package dev.backplane.core.idempotency;

/** The same idempotency key came back with a different payload: a client bug, never silently accepted. */
public final class IdempotencyKeyReusedException extends RuntimeException {
    public IdempotencyKeyReusedException(String key) {
        super("this Idempotency-Key was already used with a different request", null, false, false);
    }
}
