// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A push topic: {@code user:{userId}}, {@code order:{orderId}}, {@code conversation:{id}} or {@code admin}. Parsing is strict (known kinds, a
 * bounded id charset) because a topic string from a client ends up in a DynamoDB key.
 */
public record Topic(Kind kind, String id) {
    public static final int MAX_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@|:+=-]{1,120}");
    public static final Topic ADMIN = new Topic(Kind.ADMIN, null);

    public enum Kind { USER, ORDER, ADMIN, CONVERSATION }

    public Topic {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ADMIN ? id != null : id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid topic id for " + kind + ": " + id);
        }
    }

    public static Topic user(String userId) { return new Topic(Kind.USER, userId); }

    public static Topic order(String orderId) { return new Topic(Kind.ORDER, orderId); }

    /** A chat conversation's live replies (owner only). */
    public static Topic conversation(String conversationId) { return new Topic(Kind.CONVERSATION, conversationId); }

    /** Parses a client's topic string; throws {@link IllegalArgumentException} with a client-safe message. */
    public static Topic parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("topic is required");
        if (text.length() > MAX_LENGTH) throw new IllegalArgumentException("topic is longer than " + MAX_LENGTH + " characters");
        if (text.equals("admin")) return ADMIN;
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        String id = colon < 0 ? "" : text.substring(colon + 1);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("topic must be user:{id}, order:{id} or admin");
        }
        return switch (kind) {
            case "user" -> user(id);
            case "order" -> order(id);
            case "conversation" -> conversation(id);
            default -> throw new IllegalArgumentException("unknown topic kind '" + kind + "'; use user:{id}, order:{id} or admin");
        };
    }

    /** The wire and storage form, e.g. {@code order:ord_123}. */
    public String value() { return kind == Kind.ADMIN ? "admin" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id; }

    @Override
    public String toString() { return value(); }
}
