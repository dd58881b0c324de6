package dev.backplane.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Persistence port for idempotency records (DynamoDB in production and tests). */
public interface IdempotencyStore {
    enum Status { IN_PROGRESS, COMPLETED }

    record Entry(String key, Status status, String payloadHash, String response) {}

    /**
     * Claims {@code key} for this execution unless a live record exists (completed and unexpired, or in progress
     * and still locked). Returns false when it exists.
     */
    boolean tryClaim(String key, String payloadHash, Instant expiresAt, Instant lockedUntil, Instant now);

    Optional<Entry> find(String key);

    void complete(String key, String response, Instant expiresAt);

    /** Drops an in-progress claim after a failure so that a retry may run again. */
    void release(String key);
}
