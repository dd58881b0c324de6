package dev.backplane.notifications.store;

import static dev.backplane.core.store.Items.n;
import static dev.backplane.core.store.Items.s;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.Mutation;
import dev.backplane.core.store.PageCursor;
import dev.backplane.core.store.TransactionFailedException;
import dev.backplane.core.store.UnitOfWork;
import dev.backplane.notifications.domain.Attempt;
import dev.backplane.notifications.domain.Notification;
import dev.backplane.notifications.domain.NotificationEvents;
import dev.backplane.notifications.domain.NotificationStore;
import dev.backplane.notifications.domain.Page;
import dev.backplane.notifications.domain.Preferences;
import dev.backplane.notifications.domain.Recipient;
import dev.backplane.notifications.domain.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Notifications' items. Per user ({@code NOTIF#USER#<id>}): RECIPIENT (email, roles; admins also in gsi1
 * {@code NOTIF#ADMINS}), PREFERENCES, UNREAD (counter), WEBHOOK#<id>. Per notification {@code NOTIF#<id>}, listed
 * through gsi1 {@code NOTIF#USER#<id>#INBOX} by {@code <0 unread|1 read>#<newest first>} (unread first). Per delivery
 * {@code NOTIF#DELIVERY#<event>#<user>#<channel>[#<webhook>]} with its attempts.
 */
public final class DynamoNotificationStore implements NotificationStore {
    private static final Duration KEEP_DELIVERIES = Duration.ofDays(30);
    private static final String ADMINS = "NOTIF#ADMINS";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoNotificationStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    private static String user(String userId) { return "NOTIF#USER#" + userId; }

    private static String inbox(String userId) { return user(userId) + "#INBOX"; }

    @Override
    public Optional<Recipient> recipient(String userId) {
        return get(user(userId), "RECIPIENT").map(i -> new Recipient(userId, Items.str(i, "email"), Items.strings(i, "roles")));
    }

    @Override
    public void saveRecipient(Recipient r) {
        Items.Builder item = Items.map().put("pk", user(r.userId())).put("sk", "RECIPIENT").put("email", r.email())
            .put("roles", Items.list(r.roles()));
        if (r.isAdmin()) item.put("gsi1pk", ADMINS).put("gsi1sk", r.userId());
        dynamo.putItem(b -> b.tableName(table).item(item.build()));
    }

    @Override
    public List<String> admins() {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var r = dynamo.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s(ADMINS))).exclusiveStartKey(from));
            r.items().forEach(i -> ids.add(Items.str(i, "gsi1sk")));
            start = r.lastEvaluatedKey() == null || r.lastEvaluatedKey().isEmpty() ? null : r.lastEvaluatedKey();
        } while (start != null);
        return ids;
    }

    @Override
    public Preferences preferences(String userId) {
        return get(user(userId), "PREFERENCES").map(i -> Json.read(Items.str(i, "choices"), Preferences.class)).orElse(Preferences.none());
    }

    @Override
    public void savePreferences(String userId, Preferences preferences) {
        dynamo.putItem(b -> b.tableName(table).item(Items.map().put("pk", user(userId)).put("sk", "PREFERENCES")
            .put("choices", Json.write(preferences)).build()));
    }

    @Override
    public List<Webhook> webhooks(String userId) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :w)")
                .expressionAttributeValues(Map.of(":p", s(user(userId)), ":w", s("WEBHOOK#"))).consistentRead(true)).items().stream()
            .map(i -> new Webhook(Items.str(i, "sk").substring("WEBHOOK#".length()), userId, Items.str(i, "kind"), Items.str(i, "url"),
                Items.str(i, "secret"), Instant.parse(Items.str(i, "createdAt")))).toList();
    }

    @Override
    public boolean addWebhook(Webhook w, int max) {
        if (webhooks(w.userId()).size() >= max) return false;
        dynamo.putItem(b -> b.tableName(table).item(Items.map().put("pk", user(w.userId())).put("sk", "WEBHOOK#" + w.id())
            .put("kind", w.kind()).put("url", w.url()).put("secret", w.secret()).put("createdAt", w.createdAt().toString()).build())
            .conditionExpression("attribute_not_exists(pk)"));
        return true;
    }

    @Override
    public boolean deleteWebhook(String userId, String webhookId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Items.key(user(userId), "WEBHOOK#" + webhookId)).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean createInApp(Notification n, NewEvent created, Trace trace) {
        UnitOfWork uow = new UnitOfWork(table, NotificationEvents.SOURCE, trace, clock);
        uow.put("notification", notificationItem(n), Condition.notExists());
        uow.update("unread", Items.key(user(n.userId()), "UNREAD"), new Mutation("ADD #c :one", null, Map.of("#c", "count"), Map.of(":one", n(1))));
        uow.publish(created);
        try {
            uow.commit(dynamo);
            return true;
        } catch (TransactionFailedException e) {
            if (e.failed("notification")) return false;
            throw e;
        }
    }

    @Override
    public Page<Notification> list(String userId, int limit, String cursor) {
        String binding = "notifications:" + inbox(userId);
        var r = dynamo.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
            .expressionAttributeValues(Map.of(":p", s(inbox(userId)))).limit(limit).exclusiveStartKey(PageCursor.decode(cursor, binding)));
        return new Page<>(r.items().stream().map(DynamoNotificationStore::notification).toList(), PageCursor.encode(r.lastEvaluatedKey(), binding));
    }

    @Override
    public long unreadCount(String userId) {
        return get(user(userId), "UNREAD").map(i -> Math.max(0, Items.num(i, "count"))).orElse(0L);
    }

    @Override
    public Optional<Notification> find(String userId, String notificationId) {
        if (!notificationId.matches("ntf_[0-9a-f]{32}")) return Optional.empty();
        return get("NOTIF#" + notificationId, "NOTIFICATION").map(DynamoNotificationStore::notification).filter(n -> n.userId().equals(userId));
    }

    @Override
    public void markRead(Notification n) {
        Instant now = clock.instant();
        UnitOfWork uow = new UnitOfWork(table, NotificationEvents.SOURCE, Trace.startedBy(Actor.SYSTEM), clock);
        uow.update("notification", Items.key("NOTIF#" + n.id(), "NOTIFICATION"), new Mutation("SET readAt = :r, gsi1sk = :s",
            "attribute_exists(pk) AND attribute_not_exists(readAt)", null, Map.of(":r", s(now.toString()), ":s", s(order(n.createdAt(), true, n.id())))));
        uow.update("unread", Items.key(user(n.userId()), "UNREAD"), new Mutation("ADD #c :minus", null, Map.of("#c", "count"), Map.of(":minus", n(-1))));
        try {
            uow.commit(dynamo);
        } catch (TransactionFailedException e) {
            if (!e.failed("notification")) throw e;
            // already read: nothing to do
        }
    }

    @Override
    public Delivery delivery(String key, String userId, String channel) {
        Map<String, AttributeValue> k = Items.key("NOTIF#DELIVERY#" + key, "DELIVERY");
        try {
            dynamo.putItem(b -> b.tableName(table).item(Items.map().put("pk", "NOTIF#DELIVERY#" + key).put("sk", "DELIVERY")
                .put("userId", userId).put("channel", channel).put("status", "pending").put("attempt", 0)
                .put("attempts", Items.list(List.of())).put("expiresAt", clock.instant().plus(KEEP_DELIVERIES).getEpochSecond()).build())
                .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            // a delivery record from an earlier job
        }
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(table).key(k).consistentRead(true)).item();
        return new Delivery(key, Items.str(i, "userId"), Items.str(i, "channel"), Items.str(i, "status"), (int) Items.num(i, "attempt"),
            Items.strings(i, "attempts").stream().map(a -> Json.read(a, Attempt.class)).toList());
    }

    @Override
    public boolean claim(String key, int attempt) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Items.key("NOTIF#DELIVERY#" + key, "DELIVERY"))
                .updateExpression("SET attempt = :next").conditionExpression("#st = :pending AND attempt = :a")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":next", n(attempt + 1), ":pending", s("pending"), ":a", n(attempt))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void recordAttempt(String key, Attempt attempt, String finalStatus, NewEvent event, Trace trace) {
        UnitOfWork uow = new UnitOfWork(table, NotificationEvents.SOURCE, trace, clock);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":a", Items.list(List.of(Json.write(attempt))));
        String expression = "SET attempts = list_append(attempts, :a)";
        if (finalStatus != null) {
            expression += ", #st = :s";
            values.put(":s", s(finalStatus));
        }
        uow.update("delivery", Items.key("NOTIF#DELIVERY#" + key, "DELIVERY"), new Mutation(expression, null,
            finalStatus == null ? null : Map.of("#st", "status"), values));
        if (event != null) uow.publish(event);
        uow.commit(dynamo);
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk, sk)).consistentRead(true)).item();
        return i == null || i.isEmpty() ? Optional.empty() : Optional.of(i);
    }

    /** Unread before read, newest first within each: "0#<inverted millis>#id" sorts ascending that way. */
    private static String order(Instant createdAt, boolean read, String id) {
        return (read ? "1#" : "0#") + String.format("%019d", Long.MAX_VALUE - createdAt.toEpochMilli()) + "#" + id;
    }

    private static Map<String, AttributeValue> notificationItem(Notification n) {
        return Items.map().put("pk", "NOTIF#" + n.id()).put("sk", "NOTIFICATION").put("userId", n.userId()).put("eventId", n.eventId())
            .put("eventType", n.eventType()).put("title", n.title()).put("body", n.body()).put("link", n.link())
            .put("createdAt", n.createdAt().toString()).put("gsi1pk", inbox(n.userId())).put("gsi1sk", order(n.createdAt(), false, n.id())).build();
    }

    private static Notification notification(Map<String, AttributeValue> i) {
        String read = Items.str(i, "readAt");
        return new Notification(Items.str(i, "pk").substring("NOTIF#".length()), Items.str(i, "userId"), Items.str(i, "eventId"),
            Items.str(i, "eventType"), Items.str(i, "title"), Items.str(i, "body"), Items.str(i, "link"),
            Instant.parse(Items.str(i, "createdAt")), read == null ? null : Instant.parse(read));
    }
}
