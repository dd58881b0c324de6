// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.auth.Caller;
import java.time.Instant;

/**
 * The WebSocket session use cases: connect (auto-subscribed to the caller's own user topic), disconnect, subscribe
 * and unsubscribe with authorization, ping. Answers reach the client through the @connections API, because a
 * WebSocket route has no HTTP response to carry them.
 */
public final class Subscriptions {
    /** Bounds the fan-out work and table items one connection can cause. */
    public static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;

    private final ConnectionStore store;
    private final TopicAccess access;
    private final ConnectionGateway gateway;

    public Subscriptions(ConnectionStore store, TopicAccess access, ConnectionGateway gateway) {
        this.store = store;
        this.access = access;
        this.gateway = gateway;
    }

    public LiveConnection connect(String connectionId, Caller caller, Instant connectedAt) {
        LiveConnection connection = new LiveConnection(connectionId, caller.userId(), caller.roles(), connectedAt,
            LiveConnection.expiryFor(connectedAt));
        store.open(connection, Topic.user(caller.userId()));
        return connection;
    }

    public void disconnect(String connectionId) { store.close(connectionId); }

    /** How many connections the user has open now (the byUser index: a moment stale at most). */
    public int openConnections(String userId) { return store.connectionsOf(userId).size(); }

    /** The connection sent messages faster than allowed: this one is dropped, the client told when to resume. */
    public void rateLimited(String connectionId, long retryAfterSeconds) {
        reply(connectionId, Replies.error(Replies.RATE_LIMITED, "too many messages on this connection; retry in " + retryAfterSeconds + " s"));
    }

    public void subscribe(String connectionId, Caller caller, Instant connectedAt, String topicText) {
        Topic topic;
        try {
            topic = Topic.parse(topicText);
        } catch (IllegalArgumentException e) {
            reply(connectionId, Replies.error(Replies.BAD_REQUEST, e.getMessage()));
            return;
        }
        if (!access.mayRead(caller, topic)) {
            reply(connectionId, Replies.error(Replies.FORBIDDEN_TOPIC, "you may not subscribe to " + topic.value()));
            return;
        }
        switch (store.subscribe(connectionId, topic, LiveConnection.expiryFor(connectedAt), MAX_SUBSCRIPTIONS_PER_CONNECTION)) {
            case SUBSCRIBED -> reply(connectionId, Replies.subscribed(topic));
            case LIMIT_REACHED -> reply(connectionId, Replies.error(Replies.TOO_MANY_SUBSCRIPTIONS,
                "at most " + MAX_SUBSCRIPTIONS_PER_CONNECTION + " subscriptions per connection"));
            case NO_CONNECTION -> { } // disconnected meanwhile: nobody to answer
        }
    }

    public void unsubscribe(String connectionId, String topicText) {
        Topic topic;
        try {
            topic = Topic.parse(topicText);
        } catch (IllegalArgumentException e) {
            reply(connectionId, Replies.error(Replies.BAD_REQUEST, e.getMessage()));
            return;
        }
        store.unsubscribe(connectionId, topic);
        reply(connectionId, Replies.unsubscribed(topic));
    }

    public void ping(String connectionId) { reply(connectionId, Replies.pong()); }

    public void badRequest(String connectionId, String message) { reply(connectionId, Replies.error(Replies.BAD_REQUEST, message)); }

    /** A client that left before its answer arrived is not an error; its records go on $disconnect or 410. */
    private void reply(String connectionId, byte[] message) {
        if (gateway.send(connectionId, message) == ConnectionGateway.Delivery.GONE) store.close(connectionId);
    }
}
