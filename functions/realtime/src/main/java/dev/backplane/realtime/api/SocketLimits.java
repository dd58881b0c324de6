// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import dev.backplane.core.error.TooManyRequestsException;
import dev.backplane.core.ratelimit.RateLimit;
import dev.backplane.core.ratelimit.RateLimiter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Misuse limits of the WebSocket API: open connections per user ({@code WS_MAX_CONNECTIONS_PER_USER}, refused on
 * $connect with 429) and messages per connection ({@code WS_MESSAGE_RATE}, a token bucket in the rate-limit table;
 * excess messages are dropped with an {@code error/rate_limited} reply). A connection that keeps sending after being
 * refused ({@code WS_CLOSE_AFTER_REFUSALS}: more refused messages than this bucket holds) is closed: a client that
 * ignores the replies is broken or hostile, and every message it sends still costs an invocation.
 */
public record SocketLimits(int connectionsPerUser, RateLimit messageRate, RateLimit refusalsBeforeClose,
                           Supplier<Optional<RateLimiter>> limiter) {
    public static final int DEFAULT_CONNECTIONS_PER_USER = 10;
    public static final String DEFAULT_MESSAGE_RATE = "30/10s";
    public static final String DEFAULT_REFUSALS_BEFORE_CLOSE = "10/1m";
    public static final SocketLimits NONE = new SocketLimits(Integer.MAX_VALUE, RateLimit.parse(DEFAULT_MESSAGE_RATE), Optional::empty);

    public SocketLimits(int connectionsPerUser, RateLimit messageRate, Supplier<Optional<RateLimiter>> limiter) {
        this(connectionsPerUser, messageRate, RateLimit.parse(DEFAULT_REFUSALS_BEFORE_CLOSE), limiter);
    }

    /** Seconds to wait when this message is over the connection's rate; empty when it may be handled. */
    public Optional<Long> overRate(String connectionId) { return take("ws#" + connectionId, messageRate); }

    /** Counts one refused message; true when the connection has been refused more often than allowed and should close. */
    public boolean refusedTooOften(String connectionId) { return take("ws-refused#" + connectionId, refusalsBeforeClose).isPresent(); }

    private Optional<Long> take(String key, RateLimit limit) {
        Optional<RateLimiter> l = limiter.get();
        if (l.isEmpty()) return Optional.empty();
        try {
            l.get().take(key, Optional.of(limit));
            return Optional.empty();
        } catch (TooManyRequestsException e) {
            return Optional.of(e.retryAfterSeconds());
        }
    }
}
