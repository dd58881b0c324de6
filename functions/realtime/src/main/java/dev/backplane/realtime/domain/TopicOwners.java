// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Realtime's own projection of who owns an order or a conversation, fed by the owning domains' events (realtime never
 * reads their items), plus the subscribe requests that arrived before the owner was known.
 */
public interface TopicOwners {

    /** The owning user id, or empty while no event has named one. */
    Optional<String> ownerOf(Topic topic);

    /** Records the owner; idempotent. The first recorded owner stays: ownership of an order or conversation never moves. */
    void record(Topic topic, String ownerId);

    /** Parks a subscribe request whose topic has no known owner yet, until {@code waiter.until()}. */
    void park(Topic topic, Waiter waiter);

    /** The parked requests of the topic that have not run out. */
    List<Waiter> waiters(Topic topic, Instant now);

    /** Removes a parked request; true for exactly one caller, so it is answered once. */
    boolean claim(Topic topic, String connectionId);

    /**
     * A subscribe request waiting for its topic's owner: {@code subscriptionExpiresAt} is its connection's end,
     * {@code until} when it stops waiting.
     */
    record Waiter(String connectionId, String userId, Instant subscriptionExpiresAt, Instant until) {}
}
