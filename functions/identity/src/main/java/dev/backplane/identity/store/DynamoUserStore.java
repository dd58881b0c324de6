// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.store;

import dev.backplane.core.error.ConflictException;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.PageCursor;
import dev.backplane.core.store.Mutation;
import dev.backplane.core.store.TransactionFailedException;
import dev.backplane.core.store.UnitOfWork;
import dev.backplane.identity.domain.Page;
import dev.backplane.identity.domain.Settings;
import dev.backplane.identity.domain.User;
import dev.backplane.identity.domain.UserEvents;
import dev.backplane.identity.domain.UserStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Users in the application table. Handle uniqueness: a handle item is free while it has no {@code userId}; claiming
 * one is a conditional put in the same transaction as the profile write, releasing one removes its owner.
 */
public final class DynamoUserStore implements UserStore {
    /** A handle is free if never claimed or released by its last owner. */
    private static final Condition HANDLE_FREE = new Condition("attribute_not_exists(userId)", Map.of(), Map.of());
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoUserStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Registration register(User user, NewEvent event, Trace trace) {
        UnitOfWork uow = unitOfWork(trace);
        uow.put("user", UserItems.profile(user), Condition.notExists());
        uow.put("handle", UserItems.handleClaim(user.handle(), user.id(), clock.instant()), HANDLE_FREE);
        uow.publish(event);
        try {
            uow.commit(dynamo);
            return Registration.CREATED;
        } catch (TransactionFailedException e) {
            if (e.failed("user")) return Registration.USER_EXISTS;
            if (e.failed("handle")) return Registration.HANDLE_TAKEN;
            // a concurrent transaction touched the same items: whoever won decides
            return find(user.id()).isPresent() ? Registration.USER_EXISTS : Registration.HANDLE_TAKEN;
        }
    }

    @Override
    public void replace(User previous, User next, NewEvent event, Trace trace) {
        UnitOfWork uow = unitOfWork(trace);
        uow.put("user", UserItems.profile(next), Condition.versionIs(previous.version()));
        if (!previous.handle().equals(next.handle())) {
            uow.put("handle", UserItems.handleClaim(next.handle(), next.id(), clock.instant()), HANDLE_FREE);
            uow.update("release", UserItems.handleKey(previous.handle()), new Mutation("REMOVE userId SET releasedAt = :now",
                "userId = :owner", null, Map.of(":now", Items.s(clock.instant().toString()), ":owner", Items.s(previous.id()))));
        }
        if (event != null) uow.publish(event);
        try {
            uow.commit(dynamo);
        } catch (TransactionFailedException e) {
            if (e.failed("handle")) throw new ConflictException("handle-taken", "handle " + next.handle() + " is already taken");
            if (e.failed("user") || e.failed("release")) {
                throw new ConflictException("concurrent-modification", "user " + next.id() + " changed meanwhile; reload and retry");
            }
            throw e;
        }
    }

    @Override
    public Optional<User> find(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(UserItems.profileKey(userId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(UserItems.user(item));
    }

    @Override
    public Optional<User> findByHandle(String handle) {
        Map<String, AttributeValue> claim = dynamo.getItem(b -> b.tableName(table).key(UserItems.handleKey(handle))).item();
        String owner = claim == null ? null : Items.str(claim, "userId");
        if (owner == null) return Optional.empty();
        return find(owner).filter(u -> u.handle().equals(handle));
    }

    @Override
    public Optional<Settings> settings(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Items.key(UserItems.userPk(userId), UserItems.SETTINGS))
            .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(UserItems.settings(item));
    }

    @Override
    public void saveSettings(String userId, Settings settings) {
        dynamo.putItem(b -> b.tableName(table).item(UserItems.settings(userId, settings, clock.instant())));
    }

    @Override
    public Page<User> searchByHandle(String prefix, int limit, String cursor) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", Items.s(UserItems.SEARCH_PARTITION));
        String condition = "gsi1pk = :p";
        if (!prefix.isEmpty()) {
            condition += " AND begins_with(gsi1sk, :prefix)";
            values.put(":prefix", Items.s(prefix));
        }
        String keyCondition = condition;
        var response = dynamo.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression(keyCondition)
            .expressionAttributeValues(values).limit(limit).exclusiveStartKey(PageCursor.decode(cursor, "users:" + prefix)));
        return new Page<>(response.items().stream().map(UserItems::user).toList(), PageCursor.encode(response.lastEvaluatedKey(), "users:" + prefix));
    }

    private UnitOfWork unitOfWork(Trace trace) { return new UnitOfWork(table, UserEvents.SOURCE, trace, clock); }
}
