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
 * excess messages are dropped with an {@code error/rate_limited} reply).
 */
public record SocketLimits(int connectionsPerUser, RateLimit messageRate, Supplier<Optional<RateLimiter>> limiter) {
    public static final int DEFAULT_CONNECTIONS_PER_USER = 10;
    public static final String DEFAULT_MESSAGE_RATE = "30/10s";
    public static final SocketLimits NONE = new SocketLimits(Integer.MAX_VALUE, RateLimit.parse(DEFAULT_MESSAGE_RATE), Optional::empty);

    /** Seconds to wait when this message is over the connection's rate; empty when it may be handled. */
    public Optional<Long> overRate(String connectionId) {
        Optional<RateLimiter> l = limiter.get();
        if (l.isEmpty()) return Optional.empty();
        try {
            l.get().take("ws#" + connectionId, Optional.of(messageRate));
            return Optional.empty();
        } catch (TooManyRequestsException e) {
            return Optional.of(e.retryAfterSeconds());
        }
    }
}
