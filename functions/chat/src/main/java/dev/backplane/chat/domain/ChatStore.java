package dev.backplane.chat.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Port: conversations, messages, usage, credit reservations and abuse counts, each change with its event. */
public interface ChatStore {
    /** Stores a new conversation together with its event (transactional outbox). */
    void create(Conversation conversation, NewEvent started, Trace trace);

    Optional<Conversation> find(String conversationId);

    Page<Conversation> listByUser(String userId, int limit, String cursor);

    void softDelete(Conversation conversation, Trace trace);

    Page<ChatMessage> messages(String conversationId, int limit, String cursor);

    /** The last {@code count} messages, oldest first (the model's context). */
    List<ChatMessage> recent(String conversationId, int count);

    /**
     * One transaction: the message, its event, today's usage (+1 message, refused over the quota) and the credit
     * reservation (refused when the available credits do not cover it). Throws {@link QuotaExceededException} or
     * {@link InsufficientCreditsException}; nothing is written then.
     */
    void post(ChatMessage message, String userId, LocalDate day, long reservation, ChatPolicy policy, NewEvent event, Trace trace);

    /**
     * Stores a blocked message, counts the block (flagging the user at {@code abuseThreshold}) and records the event
     * built from the new count, in one transaction; returns the user's blocked count.
     */
    long block(ChatMessage message, String userId, int abuseThreshold, java.util.function.LongFunction<NewEvent> event, Trace trace);

    /** The reply, its event, today's tokens and the settlement: the reservation released, {@code cost} held until billing confirms. */
    void complete(ChatMessage reply, String userId, LocalDate day, long reservation, long cost, NewEvent event, Trace trace);

    /** The partial reply (if any text streamed), its event and the reservation released in full. */
    void fail(ChatMessage partial, String userId, long reservation, NewEvent event, Trace trace);

    Usage usage(String userId, LocalDate day, ChatPolicy policy);

    List<AbuseFlag> flagged(int limit);

    /** Thrown by {@link #post} when today's quota is used up. */
    final class QuotaExceededException extends RuntimeException {
        public QuotaExceededException() { super("daily quota exhausted", null, false, false); }
    }
}
