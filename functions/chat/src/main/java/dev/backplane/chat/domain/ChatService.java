package dev.backplane.chat.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Conversations as their owner sees them (anyone else gets 404, never 403: ids are not probeable) and posting: size
 * and moderation first, then quota and credits in the same transaction as the message and its event.
 */
public final class ChatService {
    public static final int MAX_TITLE_CHARS = 120;
    private final ChatStore store;
    private final ChatPolicy policy;
    private final Clock clock;
    private final Supplier<String> ids;
    private final ModerationClassifier classifier;

    public ChatService(ChatStore store, ChatPolicy policy, Clock clock, Supplier<String> ids) { this(store, policy, clock, ids, null); }

    /** With a model classifier after the moderation rules ({@code null}: rules only). */
    public ChatService(ChatStore store, ChatPolicy policy, Clock clock, Supplier<String> ids, ModerationClassifier classifier) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.ids = ids;
        this.classifier = classifier;
    }

    public record NewConversation(String title) {}

    public record NewMessage(String text) {}

    public Conversation start(Caller caller, NewConversation command, Trace trace) {
        String title = Optional.ofNullable(command.title()).map(String::strip).filter(t -> !t.isEmpty()).orElse("New conversation");
        if (title.length() > MAX_TITLE_CHARS) throw ValidationException.of("title", "at most " + MAX_TITLE_CHARS + " characters");
        Conversation conversation = new Conversation("conv_" + ids.get(), caller.userId(), title, clock.instant(), false);
        store.create(conversation, ChatEvents.started(conversation), trace);
        return conversation;
    }

    public Page<Conversation> list(Caller caller, int limit, String cursor) { return store.listByUser(caller.userId(), limit, cursor); }

    public Conversation get(Caller caller, String conversationId) {
        return store.find(conversationId).filter(c -> c.isOwnedBy(caller.userId()))
            .orElseThrow(() -> new NotFoundException("conversation", conversationId));
    }

    public Page<ChatMessage> messages(Caller caller, String conversationId, int limit, String cursor) {
        return store.messages(get(caller, conversationId).id(), limit, cursor);
    }

    public void delete(Caller caller, String conversationId, Trace trace) { store.softDelete(get(caller, conversationId), trace); }

    /** Returns the stored message (POSTED: a reply will stream); blocked → {@link MessageBlockedException}. */
    public ChatMessage post(Caller caller, String conversationId, NewMessage command, Trace trace) {
        String text = command.text() == null ? "" : command.text().strip();
        if (text.isEmpty()) throw ValidationException.of("text", "required");
        if (text.length() > policy.maxMessageChars()) throw ValidationException.of("text", "at most " + policy.maxMessageChars() + " characters");
        Conversation conversation = get(caller, conversationId);
        Instant now = clock.instant();
        String messageId = "msg_" + ids.get();
        Optional<String> blocked = Moderation.check(text).or(() -> classifier == null ? Optional.empty() : classifier.flagged(text));
        if (blocked.isPresent()) {
            ChatMessage message = new ChatMessage(messageId, conversation.id(), ChatMessage.Role.USER, text, ChatMessage.Status.BLOCKED,
                blocked.get(), now, 0, 0);
            long count = store.block(message, caller.userId(), policy.abuseThreshold(), n -> ChatEvents.blocked(new ChatEvents.MessageBlocked(
                conversation.id(), messageId, caller.userId(), blocked.get(), n, n >= policy.abuseThreshold())), trace);
            throw new MessageBlockedException(messageId, blocked.get() + (count >= policy.abuseThreshold() ? " (account flagged for review)" : ""));
        }
        ChatMessage message = ChatMessage.posted(messageId, conversation.id(), text, now);
        long reservation = policy.reservationFor(text);
        store.post(message, caller.userId(), today(), reservation, policy, ChatEvents.posted(new ChatEvents.MessagePosted(conversation.id(),
            messageId, caller.userId(), text, reservation)), trace);
        return message;
    }

    public Usage usage(Caller caller) { return store.usage(caller.userId(), today(), policy); }

    public List<AbuseFlag> flagged(Caller caller, int limit) {
        if (!caller.isAdmin()) throw new ForbiddenException("this needs the admin role");
        return store.flagged(limit);
    }

    /** When today's quota resets (00:00 UTC tomorrow). */
    public Instant resetsAt() { return today().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC); }

    private LocalDate today() { return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC); }
}
