// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.testing;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Domain events as the other services emit them (envelope per DESIGN §3). */
public final class Events {
    private Events() {}

    public static EventEnvelope orderPlaced(String orderId, String userId) {
        return EventEnvelope.wrap(NewEvent.of("order.placed", new Subject("order", orderId), Map.of("orderId", orderId, "userId", userId,
                "lines", List.of(Map.of("productId", "prod_espresso", "qty", 1, "unitPrice", 450)), "total", 450, "currency", "EUR")),
            "backplane.orders", new Trace("corr-" + orderId, "req-" + orderId, new Actor(userId, List.of("user"))), Instant.now());
    }

    public static EventEnvelope profileUpdated(String userId, int sequence) {
        return EventEnvelope.wrap(NewEvent.of("user.profile_updated", new Subject("user", userId),
                Map.of("userId", userId, "changed", List.of("displayName"), "seq", sequence)),
            "backplane.identity", new Trace("corr-" + sequence, "req-" + sequence, new Actor(userId, List.of("user"))), Instant.now());
    }

    public static EventEnvelope paymentSucceeded(String orderId) {
        return EventEnvelope.wrap(NewEvent.of("payment.succeeded", new Subject("order", orderId),
                Map.of("orderId", orderId, "paymentId", "pi_" + orderId, "amount", 450)),
            "backplane.billing", new Trace("corr-pay-" + orderId, "stripe-evt", Actor.SYSTEM), Instant.now());
    }

    public static EventEnvelope userSuspended(String userId) {
        return EventEnvelope.wrap(NewEvent.of("user.suspended", new Subject("user", userId), Map.of("userId", userId, "reason", "abuse")),
            "backplane.identity", new Trace("corr-suspend-" + userId, "admin-req", new Actor("admin", List.of("admin"))), Instant.now());
    }
}
