package dev.backplane.chat.store;

import static dev.backplane.core.store.Items.n;
import static dev.backplane.core.store.Items.s;

import dev.backplane.chat.domain.AbuseFlag;
import dev.backplane.chat.domain.ChatEvents;
import dev.backplane.chat.domain.ChatMessage;
import dev.backplane.chat.domain.ChatPolicy;
import dev.backplane.chat.domain.ChatStore;
import dev.backplane.chat.domain.Conversation;
import dev.backplane.chat.domain.Credits;
import dev.backplane.chat.domain.InsufficientCreditsException;
import dev.backplane.chat.domain.Page;
import dev.backplane.chat.domain.Usage;
import dev.backplane.core.error.ConflictException;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.Mutation;
import dev.backplane.core.store.PageCursor;
import dev.backplane.core.store.TransactionFailedException;
import dev.backplane.core.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Chat's items in the application table:
 * {@code CONV#<id>/CONV} (owner, title, deleted; a user's live conversations newest first in gsi1 {@code USER#<id>#CONVS}),
 * {@code CONV#<id>/MSG#<at>#<msgId>} (messages in order), {@code CONV#<id>/REPLY#<replyId>} (each reply written once),
 * {@code CHATUSAGE#<user>/DAY#<date>} (messages, tokens; TTL), {@code CHATCREDITS#<user>/CREDITS} (see
 * {@link DynamoChatFacts}) and {@code CHATABUSE#<user>/ABUSE} (blocked count; flagged users in gsi2 {@code CHAT#ABUSE}).
 */
public final class DynamoChatStore implements ChatStore {
    static final String CONV = "CONV";
    private static final String FLAGGED = "CHAT#ABUSE";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoChatStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    static String conversationPk(String id) { return "CONV#" + id; }

    private static String userConversations(String userId) { return "USER#" + userId + "#CONVS"; }

    @Override
    public void create(Conversation c, NewEvent started, Trace trace) {
        UnitOfWork uow = unitOfWork(trace).put("conversation", Items.map().put("pk", conversationPk(c.id())).put("sk", CONV).put("userId", c.userId())
            .put("title", c.title()).put("createdAt", c.createdAt().toString()).put("deleted", 0)
            .put("gsi1pk", userConversations(c.userId())).put("gsi1sk", c.createdAt() + "#" + c.id()).build(), Condition.notExists());
        uow.publish(started);
        uow.commit(dynamo);
    }

    @Override
    public Optional<Conversation> find(String id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Items.key(conversationPk(id), CONV)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(conversation(item));
    }

    @Override
    public Page<Conversation> listByUser(String userId, int limit, String cursor) {
        String partition = userConversations(userId);
        var r = dynamo.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
            .expressionAttributeValues(Map.of(":p", s(partition))).scanIndexForward(false).limit(limit)
            .exclusiveStartKey(PageCursor.decode(cursor, "conversations:" + partition)));
        return new Page<>(r.items().stream().map(DynamoChatStore::conversation).toList(), PageCursor.encode(r.lastEvaluatedKey(), "conversations:" + partition));
    }

    @Override
    public void softDelete(Conversation c, Trace trace) {
        // leaving gsi1 hides it from listings at once; its messages stay for the retention period
        unitOfWork(trace).update("conversation", Items.key(conversationPk(c.id()), CONV), new Mutation(
            "SET deleted = :one, deletedAt = :at REMOVE gsi1pk, gsi1sk", "userId = :u", null,
            Map.of(":one", n(1), ":at", s(clock.instant().toString()), ":u", s(c.userId())))).commit(dynamo);
    }

    @Override
    public Page<ChatMessage> messages(String conversationId, int limit, String cursor) {
        String pk = conversationPk(conversationId);
        var r = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
            .expressionAttributeValues(Map.of(":pk", s(pk), ":m", s("MSG#"))).limit(limit).consistentRead(true)
            .exclusiveStartKey(PageCursor.decode(cursor, "messages:" + pk)));
        return new Page<>(r.items().stream().map(DynamoChatStore::message).toList(), PageCursor.encode(r.lastEvaluatedKey(), "messages:" + pk));
    }

    @Override
    public List<ChatMessage> recent(String conversationId, int count) {
        var r = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
            .expressionAttributeValues(Map.of(":pk", s(conversationPk(conversationId)), ":m", s("MSG#")))
            .scanIndexForward(false).limit(count).consistentRead(true));
        List<ChatMessage> newestFirst = new ArrayList<>(r.items().stream().map(DynamoChatStore::message).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public void post(ChatMessage m, String userId, LocalDate day, long reservation, ChatPolicy policy, NewEvent event, Trace trace) {
        UnitOfWork uow = unitOfWork(trace);
        uow.put("message", messageItem(m), Condition.notExists());
        uow.check("conversation", Items.key(conversationPk(m.conversationId()), CONV), new Condition("userId = :u AND deleted = :no",
            Map.of(), Map.of(":u", s(userId), ":no", n(0))));
        uow.update("quota", usageKey(userId, day), new Mutation(
            "SET messages = if_not_exists(messages, :zero) + :one, tokens = if_not_exists(tokens, :zero), expiresAt = :exp",
            "attribute_not_exists(messages) OR (messages < :maxMessages AND tokens < :maxTokens)", null,
            Map.of(":zero", n(0), ":one", n(1), ":exp", n(expiry(day)), ":maxMessages", n(policy.dailyMessages()),
                ":maxTokens", n(policy.dailyTokens()))));
        if (reservation > 0) {
            uow.update("credits", DynamoChatFacts.creditsKey(userId), new Mutation(
                "SET available = available - :r, reserved = reserved + :r, version = version + :one", "available >= :r", null,
                Map.of(":r", n(reservation), ":one", n(1))));
        }
        uow.publish(event);
        try {
            uow.commit(dynamo);
        } catch (TransactionFailedException e) {
            if (e.failed("conversation")) throw new dev.backplane.core.error.NotFoundException("conversation", m.conversationId());
            if (e.failed("quota")) throw new QuotaExceededException();
            if (e.failed("credits")) throw new InsufficientCreditsException(reservation, new DynamoChatFacts(dynamo, table).credits(userId).available());
            throw e;
        }
    }

    @Override
    public long block(ChatMessage m, String userId, int abuseThreshold, LongFunction<NewEvent> event, Trace trace) {
        Map<String, AttributeValue> key = Items.key("CHATABUSE#" + userId, "ABUSE");
        var current = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        long before = current == null || current.isEmpty() ? 0 : Items.num(current, "blocks");
        long after = before + 1;
        Instant now = clock.instant();
        UnitOfWork uow = unitOfWork(trace);
        uow.put("message", messageItem(m), Condition.notExists());
        Items.Builder abuse = Items.map().put("pk", "CHATABUSE#" + userId).put("sk", "ABUSE").put("userId", userId).put("blocks", after)
            .put("lastReason", m.reason()).put("lastAt", now.toString());
        if (after >= abuseThreshold) abuse.put("gsi2pk", FLAGGED).put("gsi2sk", now + "#" + userId);
        uow.put("abuse", abuse.build(), before == 0 ? Condition.notExists()
            : new Condition("blocks = :before", Map.of(), Map.of(":before", n(before))));
        uow.publish(event.apply(after));
        try {
            uow.commit(dynamo);
        } catch (TransactionFailedException e) {
            if (e.failed("abuse") || e.concurrentConflict()) {
                throw new ConflictException("concurrent-modification", "another message was checked at the same time; retry");
            }
            throw e;
        }
        return after;
    }

    @Override
    public void complete(ChatMessage reply, String userId, LocalDate day, long reservation, long cost, NewEvent event, Trace trace) {
        UnitOfWork uow = onceFor(reply, trace);
        uow.update("usage", usageKey(userId, day), new Mutation("SET tokens = if_not_exists(tokens, :zero) + :t, expiresAt = :exp",
            null, null, Map.of(":zero", n(0), ":t", n(reply.tokensIn() + reply.tokensOut()), ":exp", n(expiry(day)))));
        if (reservation > 0) {
            uow.update("credits", DynamoChatFacts.creditsKey(userId), new Mutation(
                "SET reserved = reserved - :r, pending = pending + :cost, available = available + :back, version = version + :one",
                "attribute_exists(pk)", null, Map.of(":r", n(reservation), ":cost", n(cost), ":back", n(reservation - cost), ":one", n(1))));
        }
        commitOnce(uow, event);
    }

    @Override
    public void fail(ChatMessage partial, String userId, long reservation, NewEvent event, Trace trace) {
        UnitOfWork uow = onceFor(partial, trace);
        if (reservation > 0) {
            uow.update("credits", DynamoChatFacts.creditsKey(userId), new Mutation(
                "SET reserved = reserved - :r, available = available + :r, version = version + :one", "attribute_exists(pk)", null,
                Map.of(":r", n(reservation), ":one", n(1))));
        }
        commitOnce(uow, event);
    }

    /** The reply and its write-once marker: a redelivered event finds the marker and writes nothing. */
    private UnitOfWork onceFor(ChatMessage reply, Trace trace) {
        UnitOfWork uow = unitOfWork(trace);
        uow.put("reply", Items.map().put("pk", conversationPk(reply.conversationId())).put("sk", "REPLY#" + reply.id()).build(), Condition.notExists());
        uow.put("message", messageItem(reply), Condition.notExists());
        return uow;
    }

    private void commitOnce(UnitOfWork uow, NewEvent event) {
        uow.publish(event);
        try {
            uow.commit(dynamo);
        } catch (TransactionFailedException e) {
            if (!e.failed("reply")) throw e;
        }
    }

    @Override
    public Usage usage(String userId, LocalDate day, ChatPolicy policy) {
        var item = dynamo.getItem(b -> b.tableName(table).key(usageKey(userId, day)).consistentRead(true)).item();
        long messages = item == null || !item.containsKey("messages") ? 0 : Items.num(item, "messages");
        long tokens = item == null || !item.containsKey("tokens") ? 0 : Items.num(item, "tokens");
        Credits credits = new DynamoChatFacts(dynamo, table).credits(userId);
        return new Usage(messages, policy.dailyMessages(), tokens, policy.dailyTokens(), day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
            Math.max(0, credits.available()), credits.reserved(), policy.creditsPer1kTokens());
    }

    @Override
    public List<AbuseFlag> flagged(int limit) {
        var r = dynamo.query(b -> b.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :p")
            .expressionAttributeValues(Map.of(":p", s(FLAGGED))).scanIndexForward(false).limit(limit));
        return r.items().stream().map(i -> new AbuseFlag(Items.str(i, "userId"), Items.num(i, "blocks"), Items.str(i, "lastReason"),
            Instant.parse(Items.str(i, "lastAt")))).toList();
    }

    private UnitOfWork unitOfWork(Trace trace) { return new UnitOfWork(table, ChatEvents.SOURCE, trace, clock); }

    private static Map<String, AttributeValue> usageKey(String userId, LocalDate day) { return Items.key("CHATUSAGE#" + userId, "DAY#" + day); }

    private static long expiry(LocalDate day) { return day.plusDays(8).atStartOfDay().toEpochSecond(ZoneOffset.UTC); }

    private static Map<String, AttributeValue> messageItem(ChatMessage m) {
        return Items.map().put("pk", conversationPk(m.conversationId())).put("sk", "MSG#" + m.at() + "#" + m.id()).put("messageId", m.id())
            .put("role", m.role().name()).put("text", m.text()).put("status", m.status().name()).put("reason", m.reason())
            .put("at", m.at().toString()).put("tokensIn", m.tokensIn()).put("tokensOut", m.tokensOut()).build();
    }

    private static ChatMessage message(Map<String, AttributeValue> i) {
        String pk = Items.str(i, "pk");
        return new ChatMessage(Items.str(i, "messageId"), pk.substring(5), ChatMessage.Role.valueOf(Items.str(i, "role")),
            Items.str(i, "text"), ChatMessage.Status.valueOf(Items.str(i, "status")), Items.str(i, "reason"), Instant.parse(Items.str(i, "at")),
            Items.num(i, "tokensIn"), Items.num(i, "tokensOut"));
    }

    private static Conversation conversation(Map<String, AttributeValue> i) {
        return new Conversation(Items.str(i, "pk").substring(5), Items.str(i, "userId"), Items.str(i, "title"),
            Instant.parse(Items.str(i, "createdAt")), Items.num(i, "deleted") == 1);
    }

}
