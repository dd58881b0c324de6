// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.event.EventEnvelope;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Closes every socket of a user when {@code user.suspended} arrives: the authorizer refuses their new connections,
 * but an open WebSocket would otherwise keep receiving pushes for up to two hours.
 */
public final class SuspendedUsers {
    public static final String SUSPENDED = "user.suspended";
    private final ConnectionStore store;
    private final ConnectionGateway gateway;
    private final int parallelism;

    public SuspendedUsers(ConnectionStore store, ConnectionGateway gateway, int parallelism) {
        this.store = store;
        this.gateway = gateway;
        this.parallelism = parallelism;
    }

    /** Returns how many connections were closed (0 for any other event). */
    public int disconnectIfSuspended(EventEnvelope event) {
        if (!SUSPENDED.equals(event.type())) return 0;
        JsonNode userId = event.data().get("userId");
        String user = userId != null && userId.isString() ? userId.asString() : "user".equals(event.subject().kind()) ? event.subject().id() : null;
        if (user == null) return 0;
        List<String> connections = store.connectionsOf(user);
        BoundedParallel.forEach(connections, parallelism, id -> {
            gateway.disconnect(id);
            store.close(id);
        });
        return connections.size();
    }
}
