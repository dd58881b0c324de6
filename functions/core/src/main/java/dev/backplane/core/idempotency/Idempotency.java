package dev.backplane.core.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Runs an action at most once per key, with Powertools' semantics: the first call claims the key (in progress,
 * locked for the expected run time), stores the result on success and releases the claim on failure; a repeat
 * with the same payload returns the stored result; a repeat with another payload is rejected; a repeat while
 * the first still runs is rejected as in progress. Records expire after {@code retention}.
 */
public final class Idempotency {
    private final IdempotencyStore store;
    private final Duration retention;
    private final Clock clock;

    public Idempotency(IdempotencyStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    public Idempotency(IdempotencyStore store) { this(store, Duration.ofHours(24), Clock.systemUTC()); }

    /** Returns the action's result, or the stored result of an earlier run with the same key and payload. */
    public String execute(String key, String payload, Duration lockFor, Supplier<String> action) {
        String hash = sha256(payload);
        Instant now = clock.instant();
        if (!store.tryClaim(key, hash, now.plus(retention), now.plus(lockFor), now)) {
            return replay(key, hash);
        }
        String result;
        try {
            result = action.get();
        } catch (RuntimeException | Error e) {
            store.release(key);
            throw e;
        }
        store.complete(key, result, clock.instant().plus(retention));
        return result;
    }

    /** For consumers: runs {@code action} once per event id; a redelivery is a silent no-op. */
    public void once(String key, Duration lockFor, Runnable action) {
        execute(key, key, lockFor, () -> {
            action.run();
            return "done";
        });
    }

    private String replay(String key, String hash) {
        IdempotencyStore.Entry entry = store.find(key).orElseThrow(() -> new IdempotencyInProgressException(key));
        if (!entry.payloadHash().equals(hash)) throw new IdempotencyKeyReusedException(key);
        if (entry.status() == IdempotencyStore.Status.IN_PROGRESS) throw new IdempotencyInProgressException(key);
        return entry.response();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
