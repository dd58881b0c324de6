package dev.backplane.chat.domain;

import java.time.Instant;

/**
 * One message of a conversation. A user's message is POSTED (answered later) or BLOCKED (with the reason); the
 * assistant's reply is COMPLETED or FAILED (keeping whatever text streamed before the failure).
 */
public record ChatMessage(String id, String conversationId, Role role, String text, Status status, String reason,
                          Instant at, long tokensIn, long tokensOut) {
    public enum Role { USER, ASSISTANT }

    public enum Status { POSTED, BLOCKED, COMPLETED, FAILED }

    public static ChatMessage posted(String id, String conversationId, String text, Instant at) {
        return new ChatMessage(id, conversationId, Role.USER, text, Status.POSTED, null, at, 0, 0);
    }

    /** The reply to a message has a derived id: a redelivered event can never write a second reply. */
    public static String replyIdOf(String messageId) { return messageId + "-r"; }
}
