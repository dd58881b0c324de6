package dev.backplane.chat.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;

/** The events chat emits (docs/events.md). Message text travels only in message_posted, to the responder. */
public final class ChatEvents {
    public static final String SOURCE = "backplane.chat";

    /** Names the conversation's owner (realtime authorises {@code conversation:{id}} from it); no title: user content. */
    public record ConversationStarted(String conversationId, String userId) {}

    public record MessagePosted(String conversationId, String messageId, String userId, String text, long reservedCredits) {}

    public record MessageBlocked(String conversationId, String messageId, String userId, String reason, long blockedMessages,
                                 boolean abuseFlagged) {}

    public record ReplyCompleted(String conversationId, String messageId, String replyId, String userId, long tokensIn,
                                 long tokensOut, String provider, String model, long latencyMs, long credits) {}

    public record Failed(String conversationId, String messageId, String replyId, String userId, String provider, String reason,
                         long retryAfterSeconds) {}

    private ChatEvents() {}

    public static NewEvent started(Conversation c) {
        return NewEvent.of("chat.conversation_started", subject(c.id()), new ConversationStarted(c.id(), c.userId()));
    }

    public static NewEvent posted(MessagePosted data) { return NewEvent.of("chat.message_posted", subject(data.conversationId()), data); }

    public static NewEvent blocked(MessageBlocked data) { return NewEvent.of("chat.message_blocked", subject(data.conversationId()), data); }

    public static NewEvent completed(ReplyCompleted data) { return NewEvent.of("chat.reply_completed", subject(data.conversationId()), data); }

    public static NewEvent failed(Failed data) { return NewEvent.of("chat.failed", subject(data.conversationId()), data); }

    private static Subject subject(String conversationId) { return new Subject("conversation", conversationId); }
}
