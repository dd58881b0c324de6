// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An open WebSocket connection as we record it. No e-mail or token is kept: the user id and roles are all that
 * authorization and fan-out need.
 */
public record LiveConnection(String connectionId, String userId, List<String> roles, Instant connectedAt, Instant expiresAt) {
    /** API Gateway closes every WebSocket connection after 2 hours, so a record never needs to outlive that. */
    public static final Duration MAX_AGE = Duration.ofHours(2);

    public LiveConnection {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static Instant expiryFor(Instant connectedAt) { return connectedAt.plus(MAX_AGE); }

    public boolean expiredAt(Instant now) { return !expiresAt.isAfter(now); }
}
