package dev.backplane.core.ratelimit;

import java.time.Duration;

/** What a bucket said: allowed, or not before {@code retryAfter}. */
public record Decision(boolean allowed, Duration retryAfter) {
    public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

    public static Decision rejected(Duration retryAfter) { return new Decision(false, retryAfter); }

    /** Whole seconds for a {@code Retry-After} header, never 0 (a client told "0" retries at once). */
    public long retryAfterSeconds() { return Math.max(1, (retryAfter.toMillis() + 999) / 1000); }
}
