package dev.backplane.core.ratelimit;

import java.time.Instant;

/** Where buckets live; {@link #take} must be atomic across concurrent callers (many Lambda instances). */
public interface BucketStore {
    /** Takes one token from the bucket {@code key} under {@code limit}. */
    Decision take(String key, RateLimit limit, Instant now);
}
