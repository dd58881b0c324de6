package dev.backplane.agents.store;

import static dev.backplane.core.store.Items.n;
import static dev.backplane.core.store.Items.s;

import dev.backplane.agents.digest.Activity;
import dev.backplane.agents.digest.ActivityStore;
import dev.backplane.agents.digest.DayActivity;
import dev.backplane.agents.kernel.AgentEvents;
import dev.backplane.agents.kernel.Decision;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.Condition;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.Mutation;
import dev.backplane.core.store.TransactionFailedException;
import dev.backplane.core.store.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The digest projection: counters per day and user ({@code DIGEST#DAY#<date>/USER#<id>}, one partition per day so
 * the daily run reads just that day), a seen-marker per counted event, and the digests ({@code DIGEST#<user>#<date>}).
 */
public final class DynamoActivityStore implements ActivityStore {
    private static final Duration KEEP = Duration.ofDays(35);
    private static final Set<String> NOT_COUNTERS = Set.of("pk", "sk", "expiresAt", "userId");
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoActivityStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void count(String eventId, Activity a) {
        long expires = clock.instant().plus(KEEP).getEpochSecond();
        UnitOfWork uow = new UnitOfWork(table, AgentEvents.SOURCE, Trace.startedBy(Actor.SYSTEM), clock);
        uow.put("seen", Items.map().put("pk", "DIGEST#SEEN#" + eventId).put("sk", "SEEN").put("expiresAt", expires).build(), Condition.notExists());
        uow.update("counter", Items.key(dayPartition(a.day()), "USER#" + a.userId()), new Mutation(
            "ADD #c :n SET userId = :u, expiresAt = :e", null, Map.of("#c", a.counter()),
            Map.of(":n", n(a.amount()), ":u", s(a.userId()), ":e", n(expires))));
        try {
            uow.commit(dynamo);
        } catch (TransactionFailedException e) {
            if (!e.failed("seen")) throw e;
            // counted before: a redelivered event
        }
    }

    @Override
    public Page active(LocalDate day, String cursor, int limit) {
        var response = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
            .expressionAttributeValues(Map.of(":p", s(dayPartition(day)))).limit(limit)
            .exclusiveStartKey(cursor == null ? null : Items.key(dayPartition(day), cursor)).consistentRead(true));
        List<DayActivity> items = response.items().stream().map(i -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            i.forEach((k, v) -> { if (!NOT_COUNTERS.contains(k) && v.n() != null) counts.put(k, Long.parseLong(v.n())); });
            return new DayActivity(Items.str(i, "userId"), day, counts);
        }).toList();
        Map<String, AttributeValue> last = response.lastEvaluatedKey();
        return new Page(items, last == null || last.isEmpty() ? null : Items.str(last, "sk"));
    }

    @Override
    public boolean recordDigest(DayActivity activity, Decision decision, List<NewEvent> events, Trace trace) {
        UnitOfWork uow = new UnitOfWork(table, AgentEvents.SOURCE, trace, clock);
        uow.put("digest", Items.map().put("pk", "DIGEST#" + activity.userId() + "#" + activity.day()).put("sk", "DIGEST")
            .put("summary", activity.summary()).put("createdAt", clock.instant().toString())
            .put("expiresAt", clock.instant().plus(KEEP).getEpochSecond()).build(), Condition.notExists());
        DecisionItems.add(uow, decision);
        events.forEach(uow::publish);
        try {
            uow.commit(dynamo);
            return true;
        } catch (TransactionFailedException e) {
            if (e.failed("digest")) return false;
            throw e;
        }
    }

    private static String dayPartition(LocalDate day) { return "DIGEST#DAY#" + day; }
}
