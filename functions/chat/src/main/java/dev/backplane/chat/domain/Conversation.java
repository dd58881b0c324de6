package dev.backplane.chat.domain;

import java.time.Instant;

/** A user's conversation with the assistant; only its owner ever sees it. */
public record Conversation(String id, String userId, String title, Instant createdAt, boolean deleted) {
    public boolean isOwnedBy(String user) { return userId.equals(user) && !deleted; }
}
