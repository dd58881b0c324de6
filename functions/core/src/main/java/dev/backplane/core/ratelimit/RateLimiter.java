package dev.backplane.core.ratelimit;

import dev.backplane.core.error.TooManyRequestsException;
import java.time.Clock;
import java.util.Optional;

/**
 * Applies {@link RateLimits} to one request: writes take a token from the caller's bucket and from the client IP's
 * bucket of that endpoint; reads without a caller take one from the IP's. Over a limit → 429 {@code rate-limited}
 * with {@code Retry-After}.
 */
public final class RateLimiter {
    private final BucketStore buckets;
    private final RateLimits limits;
    private final Clock clock;

    public RateLimiter(BucketStore buckets, RateLimits limits, Clock clock) {
        this.buckets = buckets;
        this.limits = limits;
        this.clock = clock;
    }

    public void check(String endpoint, boolean write, Optional<String> userId, String sourceIp) {
        String ip = sourceIp == null || sourceIp.isBlank() ? "unknown" : sourceIp;
        if (write) {
            if (userId.isPresent()) take(endpoint + "#user#" + userId.get(), limits.perUser(endpoint));
            take(endpoint + "#ip#" + ip, limits.perIp(endpoint));
        } else if (userId.isEmpty()) {
            take(endpoint + "#anon#" + ip, limits.anonymous(endpoint));
        }
    }

    /** One named bucket outside HTTP routes (e.g. messages on a WebSocket connection). */
    public void take(String key, Optional<RateLimit> limit) {
        if (limit.isEmpty()) return;
        Decision decision = buckets.take(key, limit.get(), clock.instant());
        if (!decision.allowed()) {
            throw new TooManyRequestsException("rate limit of " + limit.get().capacity() + " requests per "
                + limit.get().period().toSeconds() + " s reached; retry later", decision.retryAfterSeconds());
        }
    }
}
