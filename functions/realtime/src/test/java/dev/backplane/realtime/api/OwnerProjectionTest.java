// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.realtime.domain.Topic;
import dev.backplane.realtime.store.DynamoTopicOwners;
import dev.backplane.realtime.testing.Events;
import dev.backplane.realtime.testing.RealtimeStack;
import dev.backplane.realtime.testing.TestSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Realtime's owner projection, fed through the push consumer as on AWS: who may watch {@code order:} and
 * {@code conversation:} topics comes only from the owning domains' events, never from their items — including the
 * race where a client subscribes before the event that names the owner has arrived.
 */
class OwnerProjectionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RealtimeStack stack;
    private static DynamoTopicOwners owners;

    @BeforeAll
    static void start() {
        stack = new RealtimeStack();
        owners = new DynamoTopicOwners(LocalDynamo.client(), stack.connectionsTable);
    }

    @AfterAll
    static void stop() { stack.close(); }

    private static boolean ofType(JsonNode m, String type) { return m.path("type").asString("").equals(type); }

    private static EventEnvelope chat(String type, String conversationId, String userId) {
        return EventEnvelope.wrap(NewEvent.of(type, new Subject("conversation", conversationId),
                Map.of("conversationId", conversationId, "userId", userId, "title", "t")),
            "backplane.chat", new Trace("corr-" + conversationId, "req", new Actor(userId, List.of("user"))), Instant.now());
    }

    @Test
    void orderPlacedMakesItsUserTheOwnerAndRedeliveryOrAnotherClaimChangesNothing() {
        var placed = Events.orderPlaced("ord_p1", "paula");
        assertEquals(List.of(), stack.push(List.of(placed)).getBatchItemFailures());
        assertEquals(Optional.of("paula"), owners.ownerOf(Topic.order("ord_p1")));
        assertEquals(List.of(), stack.push(List.of(placed)).getBatchItemFailures()); // redelivered: deduplicated
        owners.record(Topic.order("ord_p1"), "paula");                             // recorded again: idempotent
        stack.push(List.of(Events.orderPlaced("ord_p1", "mallory")));                // ownership never moves
        assertEquals(Optional.of("paula"), owners.ownerOf(Topic.order("ord_p1")));
        try (TestSocket paula = stack.connect(stack.token("paula", "user"));
             TestSocket mallory = stack.connect(stack.token("mallory", "user"))) {
            assertEquals("subscribed", paula.subscribe("order:ord_p1").path("type").asString());
            assertEquals("forbidden_topic", mallory.subscribe("order:ord_p1").path("code").asString());
        }
    }

    @Test
    void onlyTheOwningDomainsEventsNameAnOwner() {
        // billing's and agents' events mention orders and users but are no source of ownership
        var fraud = EventEnvelope.wrap(NewEvent.of("fraud.assessed", new Subject("order", "ord_p2"),
                Map.of("orderId", "ord_p2", "userId", "mallory", "score", 1, "level", "low", "reasons", List.of(), "rulesetVersion", "1")),
            "backplane.agents", new Trace("c", "r", Actor.SYSTEM), Instant.now());
        stack.push(List.of(fraud));
        assertEquals(Optional.empty(), owners.ownerOf(Topic.order("ord_p2")));
        stack.push(List.of(chat("chat.conversation_started", "conv_p2", "quinn")));
        assertEquals(Optional.of("quinn"), owners.ownerOf(Topic.conversation("conv_p2")));
    }

    @Test
    void aSubscribeThatArrivesJustBeforeTheOwnerWaitsAndIsAdmitted() throws Exception {
        try (TestSocket rita = stack.connect(stack.token("rita", "user"))) {
            CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> rita.subscribe("conversation:conv_r1"));
            Thread.sleep(200); // the request is now waiting for the projection
            stack.push(List.of(chat("chat.conversation_started", "conv_r1", "rita")));
            assertEquals("subscribed", answer.get().path("type").asString(), answer.get().toString());
            rita.send("{\"action\":\"ping\"}");
            rita.await(m -> ofType(m, "pong"), WAIT);
            assertEquals(1, rita.received().stream().filter(m -> ofType(m, "subscribed") || ofType(m, "error")).count(),
                "exactly one answer: " + rita.received());
        }
    }

    @Test
    void aSubscribeFarAheadOfTheOwnerIsRefusedThenAdmittedWhenTheOwnerTurnsOutToBeTheCaller() {
        try (TestSocket sam = stack.connect(stack.token("sam", "user"));
             TestSocket tina = stack.connect(stack.token("tina", "user"))) {
            assertEquals("forbidden_topic", sam.subscribe("order:ord_s1").path("code").asString(), "unknown owner: the usual refusal");
            assertEquals("forbidden_topic", tina.subscribe("order:ord_s1").path("code").asString());

            var placed = Events.orderPlaced("ord_s1", "sam");
            stack.push(List.of(placed));
            JsonNode admitted = sam.await(m -> ofType(m, "subscribed"), WAIT);
            assertEquals("order:ord_s1", admitted.path("topic").asString());
            // admitted before the push of the event that named the owner, so it arrives on the order topic too
            JsonNode pushed = sam.await(m -> ofType(m, "order.placed") && m.path("topic").asString().equals("order:ord_s1"), WAIT);
            assertEquals(placed.id(), pushed.path("eventId").asString());

            tina.send("{\"action\":\"ping\"}");
            tina.await(m -> ofType(m, "pong"), WAIT);
            assertTrue(tina.receivedOfType("subscribed").isEmpty(), "another user's parked request is dropped, not admitted");
            assertTrue(tina.receivedOfType("order.placed").isEmpty());
            assertEquals(List.of(), owners.waiters(Topic.order("ord_s1"), Instant.now()));
        }
    }

    @Test
    void theProjectionLivesInRealtimesOwnItemsOutsideTheConnectionIndexes() {
        stack.push(List.of(Events.orderPlaced("ord_i1", "uma")));
        var items = LocalDynamo.client().scan(b -> b.tableName(stack.connectionsTable).indexName("byUser")).items();
        assertTrue(items.stream().noneMatch(i -> i.get("pk").s().startsWith("OWNER#")), "owner items are no connections");
        var appItems = LocalDynamo.client().scan(b -> b.tableName(stack.appTable)).items();
        assertTrue(appItems.stream().noneMatch(i -> i.get("pk").s().startsWith("ORDER#")), "nothing of the orders service is needed");
    }
}
