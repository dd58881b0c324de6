// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.realtime.domain.ConnectionStore.SubscribeOutcome;
import dev.backplane.realtime.domain.LiveConnection;
import dev.backplane.realtime.domain.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against DynamoDB Local with the template's own ConnectionsTable definition (keys, GSIs, TTL). */
class DynamoConnectionStoreTest {
    private final String table = LocalDynamo.newTable("ConnectionsTable");
    private final DynamoConnectionStore store = new DynamoConnectionStore(LocalDynamo.client(), table);
    private final Instant now = Instant.now();

    private LiveConnection connection(String id, String user, Instant connectedAt) {
        return new LiveConnection(id, user, List.of("user"), connectedAt, LiveConnection.expiryFor(connectedAt));
    }

    @Test
    void openSubscribesTheUserTopicAndCloseRemovesEverything() {
        store.open(connection("c1", "u1", now), Topic.user("u1"));
        assertEquals(SubscribeOutcome.SUBSCRIBED, store.subscribe("c1", Topic.order("o1"), now.plusSeconds(60), 50));
        assertEquals(List.of("c1"), store.subscribers(Topic.user("u1"), now));
        assertEquals(List.of("c1"), store.subscribers(Topic.order("o1"), now));

        store.close("c1");
        assertEquals(List.of(), store.subscribers(Topic.user("u1"), now));
        assertEquals(List.of(), store.subscribers(Topic.order("o1"), now));
        assertEquals(0, LocalDynamo.client().scan(b -> b.tableName(table)).count());
    }

    @Test
    void subscribingNeedsARecordedConnectionAndStopsAtTheLimit() {
        assertEquals(SubscribeOutcome.NO_CONNECTION, store.subscribe("ghost", Topic.order("o1"), now.plusSeconds(60), 50));
        store.open(connection("c2", "u2", now), Topic.user("u2"));
        assertEquals(SubscribeOutcome.SUBSCRIBED, store.subscribe("c2", Topic.order("o1"), now.plusSeconds(60), 3));
        assertEquals(SubscribeOutcome.SUBSCRIBED, store.subscribe("c2", Topic.order("o2"), now.plusSeconds(60), 3));
        assertEquals(SubscribeOutcome.LIMIT_REACHED, store.subscribe("c2", Topic.order("o3"), now.plusSeconds(60), 3));
        assertEquals(SubscribeOutcome.SUBSCRIBED, store.subscribe("c2", Topic.order("o2"), now.plusSeconds(60), 3), "re-subscribing is idempotent");
        store.unsubscribe("c2", Topic.order("o1"));
        assertEquals(SubscribeOutcome.SUBSCRIBED, store.subscribe("c2", Topic.order("o3"), now.plusSeconds(60), 3));
    }

    @Test
    void expiredSubscriptionsAreNotFannedOutTo() {
        Instant longAgo = now.minusSeconds(3 * 3600);
        store.open(connection("old", "u3", longAgo), Topic.user("u3"));
        store.open(connection("new", "u3", now), Topic.user("u3"));
        assertEquals(List.of("new"), store.subscribers(Topic.user("u3"), now));
    }

    @Test
    void pagesVisitConnectionItemsOnly() {
        store.open(connection("p1", "u4", now), Topic.user("u4"));
        store.open(connection("p2", "u5", now), Topic.user("u5"));
        store.subscribe("p1", Topic.order("o9"), now.plusSeconds(60), 50);
        List<LiveConnection> seen = new ArrayList<>();
        store.forEachPage(seen::addAll);
        assertEquals(2, seen.size());
        assertTrue(seen.stream().allMatch(c -> c.roles().equals(List.of("user"))));
    }
}
