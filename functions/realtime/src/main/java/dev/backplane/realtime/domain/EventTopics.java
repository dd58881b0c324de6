// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.event.EventEnvelope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Which topics a domain event is pushed to: {@code order.*} to the order, its owner and admins; {@code payment.*}
 * of an order to that order and admins; {@code user.*} to the user and admins; anything else to admins only. New kinds of topic (chat, notifications) are added here.
 */
public final class EventTopics {
    private EventTopics() {}

    public static List<Topic> of(EventEnvelope event) {
        Set<Topic> topics = new LinkedHashSet<>();
        String aggregate = event.type().substring(0, event.type().indexOf('.'));
        switch (aggregate) {
            case "order" -> {
                idFor(event, "orderId", "order").flatMap(id -> safely(() -> Topic.order(id))).ifPresent(topics::add);
                text(event.data(), "userId").flatMap(id -> safely(() -> Topic.user(id))).ifPresent(topics::add);
            }
            // a payment's outcome belongs on its order's page ("Payment declined" live); credit-pack payments carry no orderId
            case "payment" -> idFor(event, "orderId", "order").flatMap(id -> safely(() -> Topic.order(id))).ifPresent(topics::add);
            case "user" -> idFor(event, "userId", "user").flatMap(id -> safely(() -> Topic.user(id))).ifPresent(topics::add);
            // notifications and digests are their user's own (notification.created drives the bell's unread count)
            case "notification", "digest" -> text(event.data(), "userId").flatMap(id -> safely(() -> Topic.user(id))).ifPresent(topics::add);
            default -> { }
        }
        topics.add(Topic.ADMIN);
        return new ArrayList<>(topics);
    }

    /** The id from data, else from the subject when it is of the expected kind (e.g. order.paid carries only orderId). */
    private static Optional<String> idFor(EventEnvelope event, String field, String subjectKind) {
        return text(event.data(), field).or(() -> subjectKind.equals(event.subject().kind())
            ? Optional.ofNullable(event.subject().id()) : Optional.empty());
    }

    private static Optional<String> text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? Optional.of(value.asString()) : Optional.empty();
    }

    /** An id we cannot turn into a topic (odd characters) only loses that topic, never the admin feed. */
    private static Optional<Topic> safely(java.util.function.Supplier<Topic> topic) {
        try {
            return Optional.of(topic.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
