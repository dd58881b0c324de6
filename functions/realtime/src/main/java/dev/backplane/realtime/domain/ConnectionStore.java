// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Where connections and their topic subscriptions are recorded (the connections table). */
public interface ConnectionStore {

    enum SubscribeOutcome { SUBSCRIBED, LIMIT_REACHED, NO_CONNECTION }

    /** Records a new connection together with its first subscription. */
    void open(LiveConnection connection, Topic initialTopic);

    /** Removes the connection and all its subscriptions; removing an unknown connection is a no-op. */
    void close(String connectionId);

    /** Adds a subscription if the connection is recorded and holds fewer than {@code maxSubscriptions}; idempotent. */
    SubscribeOutcome subscribe(String connectionId, Topic topic, Instant expiresAt, int maxSubscriptions);

    void unsubscribe(String connectionId, Topic topic);

    /** Connection ids subscribed to the topic whose subscription has not expired at {@code now}. */
    List<String> subscribers(Topic topic, Instant now);

    /** Connection ids of a user's open connections (from the byUser index, so possibly a moment stale). */
    List<String> connectionsOf(String userId);

    /** Visits every recorded connection, one page at a time (for the sweeper; never the whole table in memory). */
    void forEachPage(Consumer<List<LiveConnection>> visitor);
}
