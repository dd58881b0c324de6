// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.event.EventEnvelope;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Keeps realtime's owner projection from the owning domains' events: every {@code order.*} event of the orders service
 * (from {@code order.placed} on) names its order's owner, every {@code chat.*} event of the chat service (from
 * {@code chat.conversation_started} on) its conversation's. Recording is idempotent, so redelivered and replayed
 * events change nothing; subscribe requests that were waiting for the owner are answered right after.
 */
public final class OwnerProjection {
    private final TopicOwners owners;
    private final Subscriptions subscriptions;

    public OwnerProjection(TopicOwners owners, Subscriptions subscriptions) {
        this.owners = owners;
        this.subscriptions = subscriptions;
    }

    /** Returns how many waiting subscribe requests were admitted. */
    public int apply(EventEnvelope event) {
        Optional<Ownership> ownership = ownershipIn(event);
        if (ownership.isEmpty()) return 0;
        owners.record(ownership.get().topic(), ownership.get().ownerId());
        return subscriptions.ownerRecorded(ownership.get().topic(), ownership.get().ownerId());
    }

    /** Only the owning domain's own events count: anyone else's mention of a user is not a claim of ownership. */
    static Optional<Ownership> ownershipIn(EventEnvelope event) {
        JsonNode data = event.data();
        String owner = text(data, "userId");
        if (owner == null) return Optional.empty();
        String id = switch (event.source()) {
            case "backplane.orders" -> event.type().startsWith("order.") ? text(data, "orderId") : null;
            case "backplane.chat" -> event.type().startsWith("chat.") ? text(data, "conversationId") : null;
            default -> null;
        };
        if (id == null) return Optional.empty();
        try {
            return Optional.of(new Ownership(event.source().equals("backplane.orders") ? Topic.order(id) : Topic.conversation(id), owner));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // an id no client could subscribe to
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    record Ownership(Topic topic, String ownerId) {}
}
