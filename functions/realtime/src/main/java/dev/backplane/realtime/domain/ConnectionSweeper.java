// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Removes records of connections that are over their 2-hour life or that API Gateway no longer knows ($disconnect
 * is best effort: a crashed function or a lost invocation leaves records behind). DynamoDB's TTL deletes expired
 * items too, but only within about two days; the sweeper keeps fan-out lists clean in minutes.
 */
public final class ConnectionSweeper {
    /** A connection whose $connect is still running is not yet known to GetConnection: give new ones time. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private final ConnectionStore store;
    private final ConnectionGateway gateway;
    private final Clock clock;
    private final int parallelism;

    public ConnectionSweeper(ConnectionStore store, ConnectionGateway gateway, Clock clock, int parallelism) {
        this.store = store;
        this.gateway = gateway;
        this.clock = clock;
        this.parallelism = parallelism;
    }

    public Result sweep() {
        Instant now = clock.instant();
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger expired = new AtomicInteger();
        AtomicInteger gone = new AtomicInteger();
        store.forEachPage(page -> BoundedParallel.forEach(page, parallelism, c -> {
            checked.incrementAndGet();
            if (c.expiredAt(now)) {
                gateway.disconnect(c.connectionId());
                store.close(c.connectionId());
                expired.incrementAndGet();
            } else if (c.connectedAt().plus(GRACE).isBefore(now) && gateway.isGone(c.connectionId())) {
                store.close(c.connectionId());
                gone.incrementAndGet();
            }
        }));
        return new Result(checked.get(), expired.get(), gone.get());
    }

    public record Result(int checked, int expired, int gone) {}
}
