package dev.backplane.core.idempotency;

/** A request with this key is still running; the client should retry later. */
public final class IdempotencyInProgressException extends RuntimeException {
    public IdempotencyInProgressException(String key) {
        super("a request with this Idempotency-Key is still in progress", null, false, false);
    }
}
