// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.auth.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The WebSocket session use cases: connect (auto-subscribed to the caller's own user topic), disconnect, subscribe
 * and unsubscribe with authorization, ping. Answers reach the client through the @connections API, because a
 * WebSocket route has no HTTP response to carry them.
 */
public final class Subscriptions {
    /** Bounds the fan-out work and table items one connection can cause. */
    public static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;

    /** How long a subscribe request that came before its topic's owner waits to be admitted by the projection. */
    static final Duration PARKED_FOR = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ConnectionStore store;
    private final TopicOwners owners;
    private final TopicAccess access;
    private final ConnectionGateway gateway;
    private final Clock clock;
    private final Duration ownerWait;

    /**
     * @param ownerWait how long {@code subscribe} itself waits for an unknown owner before answering
     *                  {@code forbidden_topic} (the order or conversation may have been created a moment ago)
     */
    public Subscriptions(ConnectionStore store, TopicOwners owners, ConnectionGateway gateway, Clock clock, Duration ownerWait) {
        this.store = store;
        this.owners = owners;
        this.access = new TopicAccess(owners);
        this.gateway = gateway;
        this.clock = clock;
        this.ownerWait = ownerWait;
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

    /**
     * The connection kept sending after being refused: a last {@code error/rate_limited} frame saying so (with
     * {@code closing: true} and when to reconnect), then API Gateway closes it (DeleteConnection; $disconnect follows).
     */
    public void closeForFlooding(String connectionId, long retryAfterSeconds) {
        gateway.send(connectionId, Replies.closing(Replies.RATE_LIMITED,
            "too many messages on this connection after being rate limited: closing it; reconnect in " + retryAfterSeconds + " s",
            retryAfterSeconds));
        gateway.disconnect(connectionId);
    }

    public void subscribe(String connectionId, Caller caller, Instant connectedAt, String topicText) {
        Topic topic;
        try {
            topic = Topic.parse(topicText);
        } catch (IllegalArgumentException e) {
            reply(connectionId, Replies.error(Replies.BAD_REQUEST, e.getMessage()));
            return;
        }
        Instant expiresAt = LiveConnection.expiryFor(connectedAt);
        TopicAccess.Decision decision = access.decide(caller, topic);
        if (decision == TopicAccess.Decision.OWNER_UNKNOWN) decision = awaitOwner(connectionId, caller, topic, expiresAt);
        switch (decision) {
            case ALLOWED -> admit(connectionId, topic, expiresAt);
            case DENIED -> reply(connectionId, Replies.error(Replies.FORBIDDEN_TOPIC, "you may not subscribe to " + topic.value()));
            case OWNER_UNKNOWN -> { } // admitted and answered by the projection meanwhile
        }
    }

    /**
     * The owner projection follows the owning domain's events a moment after the order or conversation was created,
     * so a client that subscribes at once can be early. The request is parked (the projection admits it when the
     * owner turns out to be the caller) and watched for a few seconds; if the owner is still unknown then, the client
     * hears {@code forbidden_topic} — the same answer as for someone else's or a missing order — and may still be
     * admitted later with a {@code subscribed} message while the request stays parked.
     */
    private TopicAccess.Decision awaitOwner(String connectionId, Caller caller, Topic topic, Instant expiresAt) {
        Instant now = clock.instant();
        owners.park(topic, new TopicOwners.Waiter(connectionId, caller.userId(), expiresAt, now.plus(PARKED_FOR)));
        Instant deadline = now.plus(ownerWait);
        while (true) {
            Optional<String> owner = owners.ownerOf(topic);
            if (owner.isPresent()) {
                boolean ours = owners.claim(topic, connectionId);
                if (!owner.get().equals(caller.userId())) return TopicAccess.Decision.DENIED;
                return ours ? TopicAccess.Decision.ALLOWED : TopicAccess.Decision.OWNER_UNKNOWN;
            }
            if (!clock.instant().isBefore(deadline)) return TopicAccess.Decision.DENIED;
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TopicAccess.Decision.DENIED;
            }
        }
    }

    /** The projection learned a topic's owner: parked requests of that owner are admitted, others dropped (already refused or about to be). */
    public int ownerRecorded(Topic topic, String ownerId) {
        int admitted = 0;
        for (TopicOwners.Waiter waiter : owners.waiters(topic, clock.instant())) {
            if (!owners.claim(topic, waiter.connectionId()) || !waiter.userId().equals(ownerId)) continue;
            if (admit(waiter.connectionId(), topic, waiter.subscriptionExpiresAt())) admitted++;
        }
        return admitted;
    }

    private boolean admit(String connectionId, Topic topic, Instant expiresAt) {
        switch (store.subscribe(connectionId, topic, expiresAt, MAX_SUBSCRIPTIONS_PER_CONNECTION)) {
            case SUBSCRIBED -> {
                reply(connectionId, Replies.subscribed(topic));
                return true;
            }
            case LIMIT_REACHED -> reply(connectionId, Replies.error(Replies.TOO_MANY_SUBSCRIPTIONS,
                "at most " + MAX_SUBSCRIPTIONS_PER_CONNECTION + " subscriptions per connection"));
            case NO_CONNECTION -> { } // disconnected meanwhile: nobody to answer
        }
        return false;
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
