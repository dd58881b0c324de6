// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.realtime.domain.LiveConnection;
import dev.backplane.realtime.domain.Topic;
import dev.backplane.realtime.store.DynamoConnectionStore;
import dev.backplane.realtime.testing.Events;
import dev.backplane.realtime.testing.RealtimeStack;
import dev.backplane.realtime.testing.TestSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Through a real WebSocket client, devstack's API Gateway emulation and @connections, on DynamoDB Local. */
class LivePushTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RealtimeStack stack;

    @BeforeAll
    static void start() { stack = new RealtimeStack(); }

    @AfterAll
    static void stop() { stack.close(); }

    private static boolean ofType(JsonNode m, String type) { return m.path("type").asString("").equals(type); }

    @Test
    void ownerReceivesOrderPlacedForTheirOrderAndAnotherUserDoesNot() {
        stack.order("ord_alice1", "alice");
        try (TestSocket alice = stack.connect(stack.token("alice", "user"));
             TestSocket bob = stack.connect(stack.token("bob", "user"))) {
            assertEquals("subscribed", alice.subscribe("order:ord_alice1").path("type").asString());
            JsonNode refused = bob.subscribe("order:ord_alice1");
            assertEquals("error", refused.path("type").asString());
            assertEquals("forbidden_topic", refused.path("code").asString());

            var event = Events.orderPlaced("ord_alice1", "alice");
            assertEquals(List.of(), stack.push(List.of(event)).getBatchItemFailures());

            JsonNode onOrder = alice.await(m -> ofType(m, "order.placed") && m.path("topic").asString().equals("order:ord_alice1"), WAIT);
            assertEquals(event.id(), onOrder.path("eventId").asString());
            assertEquals(event.correlationId(), onOrder.path("correlationId").asString());
            assertEquals("ord_alice1", onOrder.path("data").path("orderId").asString());
            assertTrue(Instant.parse(onOrder.path("sentAt").asString()).isAfter(event.occurredAt().minusSeconds(1)));
            alice.await(m -> ofType(m, "order.placed") && m.path("topic").asString().equals("user:alice"), WAIT);

            bob.send("{\"action\":\"ping\"}"); // everything pushed before the pong would have arrived first
            bob.await(m -> ofType(m, "pong"), WAIT);
            assertEquals(List.of(), bob.receivedOfType("order.placed"));
        }
    }

    @Test
    void aRedeliveredEventReachesItsSubscriberOnceAndAnEventNobodyWatchesCostsNoClaim() {
        stack.order("ord_once", "olga");
        try (TestSocket olga = stack.connect(stack.token("olga", "user"))) {
            assertEquals("subscribed", olga.subscribe("order:ord_once").path("type").asString());
            var event = Events.orderPlaced("ord_once", "olga");
            assertEquals(List.of(), stack.push(List.of(event)).getBatchItemFailures());
            assertEquals(List.of(), stack.push(List.of(event)).getBatchItemFailures()); // SQS redelivers: normal
            olga.send("{\"action\":\"ping\"}");
            olga.await(m -> ofType(m, "pong"), WAIT);
            assertEquals(1, olga.receivedOfType("order.placed").stream().filter(m -> m.path("topic").asString().equals("order:ord_once")).count());
            assertTrue(claimed(event.id()), "a delivered event is claimed");
        }
        var unwatched = Events.paymentSucceeded("ord_nobody_watches");
        assertEquals(List.of(), stack.push(List.of(unwatched)).getBatchItemFailures());
        assertEquals(false, claimed(unwatched.id()), "nothing to deliver: no claim written");
    }

    private static boolean claimed(String eventId) {
        return LocalDynamo.client().getItem(b -> b.tableName(stack.connectionsTable)
            .key(dev.backplane.core.store.Items.key("IDEMPOTENCY#realtime-push:" + eventId, "IDEMPOTENCY")).consistentRead(true)).hasItem();
    }

    @Test
    void adminFeedReceivesEveryEventAndOnlyAdminsMaySubscribeToIt() {
        try (TestSocket admin = stack.connect(stack.token("root", "admin,user"));
             TestSocket user = stack.connect(stack.token("carol", "user"))) {
            assertEquals("subscribed", admin.subscribe("admin").path("type").asString());
            assertEquals("forbidden_topic", user.subscribe("admin").path("code").asString());

            stack.push(List.of(Events.orderPlaced("ord_x", "dave"), Events.profileUpdated("erin", 1), Events.paymentSucceeded("ord_x")));
            for (String type : List.of("order.placed", "user.profile_updated", "payment.succeeded")) {
                JsonNode m = admin.await(n -> ofType(n, type), WAIT);
                assertEquals("admin", m.path("topic").asString());
            }
        }
    }

    @Test
    void clientErrorsAreAnsweredOnTheSocket() {
        try (TestSocket s = stack.connect(stack.token("frank", "user"))) {
            s.send("{\"action\":");
            assertEquals("bad_request", s.await(m -> ofType(m, "error"), WAIT).path("code").asString());
            s.send("{\"action\":\"shout\"}");
            assertEquals("bad_request", s.await(m -> ofType(m, "error"), WAIT).path("code").asString());
            assertEquals("bad_request", s.subscribe("order:../admin").path("code").asString());
            assertEquals("forbidden_topic", s.subscribe("user:someone-else").path("code").asString());
            assertEquals("forbidden_topic", s.subscribe("order:ord_does_not_exist").path("code").asString());
            s.send("{\"action\":\"ping\"}");
            s.await(m -> ofType(m, "pong"), WAIT);
        }
    }

    @Test
    void unsubscribeStopsDelivery() {
        stack.order("ord_gina", "gina");
        try (TestSocket s = stack.connect(stack.token("gina", "user"))) {
            s.subscribe("order:ord_gina");
            s.send("{\"action\":\"unsubscribe\",\"topic\":\"order:ord_gina\"}");
            s.await(m -> ofType(m, "unsubscribed"), WAIT);
            stack.push(List.of(Events.orderPlaced("ord_gina", "gina")));
            s.await(m -> ofType(m, "order.placed") && m.path("topic").asString().equals("user:gina"), WAIT);
            s.send("{\"action\":\"ping\"}");
            s.await(m -> ofType(m, "pong"), WAIT);
            assertEquals(1, s.receivedOfType("order.placed").size(), "only the user topic delivery");
        }
    }

    @Test
    void aSuspendedUsersSocketsGetTheEventAndAreClosed() throws Exception {
        try (TestSocket first = stack.connect(stack.token("mallory", "user"));
             TestSocket second = stack.connect(stack.token("mallory", "user"));
             TestSocket other = stack.connect(stack.token("nina", "user"))) {
            stack.push(List.of(Events.userSuspended("mallory")));
            for (TestSocket s : List.of(first, second)) {
                s.await(m -> ofType(m, "user.suspended"), WAIT);
                assertEquals(1000, s.closedByServer().get(10, java.util.concurrent.TimeUnit.SECONDS));
            }
            var store = new DynamoConnectionStore(LocalDynamo.client(), stack.connectionsTable);
            assertEquals(List.of(), store.connectionsOf("mallory"));
            other.send("{\"action\":\"ping\"}");
            other.await(m -> ofType(m, "pong"), WAIT);
        }
    }

    @Test
    void connectWithoutAValidTokenIsRefused() {
        var missing = assertThrows(CompletionException.class, () -> stack.connect("nobody-knows-this"));
        assertInstanceOf(WebSocketHandshakeException.class, missing.getCause());
        assertEquals(403, ((WebSocketHandshakeException) missing.getCause()).getResponse().statusCode());
    }

    @Test
    void disconnectRemovesTheConnectionsRecords() throws InterruptedException {
        TestSocket s = stack.connect(stack.token("hank", "user"));
        s.subscribe("user:hank");
        s.close();
        var store = new DynamoConnectionStore(LocalDynamo.client(), stack.connectionsTable);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!store.subscribers(Topic.user("hank"), Instant.now()).isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(List.of(), store.subscribers(Topic.user("hank"), Instant.now()));
    }

    @Test
    void deadConnectionsAreCleanedOnPushAndBySweeper() {
        var store = new DynamoConnectionStore(LocalDynamo.client(), stack.connectionsTable);
        Instant now = Instant.now();
        // Records API Gateway no longer backs: a connection whose $disconnect never ran, an old one, an expired one.
        store.open(new LiveConnection("ghost-push", "ivy", List.of("user"), now, LiveConnection.expiryFor(now)), Topic.user("ivy"));
        Instant old = now.minus(Duration.ofMinutes(30));
        store.open(new LiveConnection("ghost-sweep", "jack", List.of("user"), old, LiveConnection.expiryFor(old)), Topic.user("jack"));
        Instant expired = now.minus(Duration.ofHours(3));
        store.open(new LiveConnection("ghost-expired", "jack", List.of("user"), expired, LiveConnection.expiryFor(expired)), Topic.user("jack"));

        try (TestSocket ivy = stack.connect(stack.token("ivy", "user"))) {
            ivy.send("{\"action\":\"ping\"}");
            ivy.await(m -> ofType(m, "pong"), WAIT);
            var response = stack.push(List.of(Events.profileUpdated("ivy", 7)));
            assertEquals(List.of(), response.getBatchItemFailures(), "a 410 is not a failure of the event");
            ivy.await(m -> ofType(m, "user.profile_updated"), WAIT);

            var swept = stack.sweep();
            assertTrue(swept.gone() >= 1 && swept.expired() >= 1, swept.toString());
            for (String ghost : List.of("ghost-push", "ghost-sweep", "ghost-expired")) {
                assertEquals(0, LocalDynamo.client().query(b -> b.tableName(stack.connectionsTable).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(java.util.Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS("CONN#" + ghost)))).count(), ghost + " records removed");
            }
            assertEquals(1, store.subscribers(Topic.user("ivy"), Instant.now()).size(), "the live socket is kept");
        }
    }
}
