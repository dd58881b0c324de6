// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.observability.Observability;
import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopKind;
import dev.backplane.core.trace.Hops;
import dev.backplane.realtime.domain.ConnectionSweeper;
import dev.backplane.realtime.domain.FanOut;
import dev.backplane.realtime.domain.LivePush;
import dev.backplane.realtime.domain.SuspendedUsers;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The push consumer's and sweeper's per-invocation work with their logs and metrics (no personal data logged). */
public final class PushEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PushEvents.class);

    private PushEvents() {}

    /** Pushes first, so a suspended user's sockets still get {@code user.suspended} before they are closed. */
    public static void push(LivePush push, SuspendedUsers suspended, EventEnvelope event, LivePush.Once once) {
        Instant started = Instant.now();
        FanOut.Result result = push.push(event, once);
        Hops.record(Hop.of(event.correlationId(), "realtime-push", HopKind.PUSH, started, Hops.since(started))
            .forEvent(event.id(), event.type()).withConnections(result.delivered())
            .withDetail("pushed to " + result.delivered() + " connections (gone " + result.gone() + ", failed " + result.failed() + ")"));
        int closed = suspended.disconnectIfSuspended(event);
        if (closed > 0) LOG.info("closed {} connections of a suspended user ({})", closed, event.id());
        Observability.count("PushDelivered", result.delivered());
        Observability.count("PushGone", result.gone());
        Observability.count("PushFailed", result.failed());
        LOG.debug("pushed {} {}: delivered={} gone={} failed={}", event.type(), event.id(), result.delivered(), result.gone(), result.failed());
    }

    public static ConnectionSweeper.Result sweep(ConnectionSweeper sweeper) {
        ConnectionSweeper.Result result = sweeper.sweep();
        Observability.count("ConnectionsSwept", result.expired() + result.gone());
        LOG.info("swept connections: checked={} expired={} gone={}", result.checked(), result.expired(), result.gone());
        return result;
    }
}
