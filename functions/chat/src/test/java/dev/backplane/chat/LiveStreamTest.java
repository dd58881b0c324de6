package dev.backplane.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.chat.domain.ChatEvents;
import dev.backplane.chat.domain.ChatMessage;
import dev.backplane.chat.domain.ChatPolicy;
import dev.backplane.chat.domain.ChatService;
import dev.backplane.chat.domain.Conversation;
import dev.backplane.chat.domain.LocalAssistant;
import dev.backplane.chat.domain.Responder;
import dev.backplane.chat.store.DynamoChatFacts;
import dev.backplane.chat.store.DynamoChatStore;
import dev.backplane.chat.store.LiveConversationStream;
import dev.backplane.core.auth.Caller;
import dev.backplane.core.event.Trace;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.realtime.store.DynamoConnectionStore;
import dev.backplane.realtime.store.ManagementApiConnections;
import dev.backplane.realtime.testing.RealtimeStack;
import dev.backplane.realtime.testing.TestSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import tools.jackson.databind.JsonNode;

/**
 * A reply streamed over a real WebSocket: realtime's functions behind the API Gateway WebSocket emulation (topic
 * authorization included), the responder posting chunks through @connections to the owner's socket — in order and
 * complete — and nothing to another user's.
 */
class LiveStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Clock clock = Clock.systemUTC();

    @Test
    void theOwnersSocketReceivesEveryChunkInOrderThenTheCompletedReply() {
        try (RealtimeStack stack = new RealtimeStack()) {
            DynamoChatStore store = new DynamoChatStore(LocalDynamo.client(), stack.appTable, clock);
            DynamoChatFacts facts = new DynamoChatFacts(LocalDynamo.client(), stack.appTable);
            facts.orderPlaced("ord_live1", "alice", 1200, "EUR", List.of("p-mug x1"), Instant.parse("2026-11-30T10:00:00Z"));
            Caller alice = new Caller("alice", null, List.of("user"));
            ChatService chat = new ChatService(store, new ChatPolicy(4000, 100, 100_000, 0, 1024, 3, 20), clock, () -> "live" + System.nanoTime());
            Conversation c = chat.start(alice, new ChatService.NewConversation(null), Trace.startedBy(alice.actor()));
            stack.conversation(c.id(), "alice"); // realtime learns the owner from chat.conversation_started
            try (TestSocket owner = stack.connectPatiently(stack.token("alice", "user")); TestSocket other = stack.connect(stack.token("mallory", "user"))) {
                assertEquals("subscribed", owner.subscribe("conversation:" + c.id()).path("type").asString());
                assertEquals("forbidden_topic", other.subscribe("conversation:" + c.id()).path("code").asString());

                ChatMessage m = chat.post(alice, c.id(), new ChatService.NewMessage("where is my last order?"), Trace.startedBy(alice.actor()));
                new Responder(store, facts, new LocalAssistant(), stream(stack), ChatPolicy.defaults(), clock)
                    .answer(new ChatEvents.MessagePosted(c.id(), m.id(), "alice", m.text(), 0), Trace.startedBy(alice.actor()));

                StringBuilder text = new StringBuilder();
                int seq = 0;
                JsonNode next;
                while ((next = owner.await(x -> x.path("type").asString().startsWith("chat."), WAIT)).path("type").asString().equals("chat.delta")) {
                    assertEquals(seq++, next.path("data").path("seq").asInt(), "in order");
                    assertEquals("conversation:" + c.id(), next.path("topic").asString());
                    text.append(next.path("data").path("text").asString());
                }
                assertEquals("chat.completed", next.path("type").asString());
                assertTrue(seq > 2, "streamed in chunks: " + seq);
                assertEquals(text.toString(), next.path("data").path("text").asString(), "complete");
                assertTrue(text.toString().contains("ord_live1"), text.toString());
                assertEquals(0, other.received().stream().filter(x -> x.path("type").asString().startsWith("chat.")).count());
            }
        }
    }

    private LiveConversationStream stream(RealtimeStack stack) {
        ApiGatewayManagementApiClient api = ApiGatewayManagementApiClient.builder().endpointOverride(URI.create(stack.managementEndpoint()))
            .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create()).build();
        return new LiveConversationStream(new DynamoConnectionStore(LocalDynamo.client(), stack.connectionsTable), new ManagementApiConnections(api), clock);
    }
}
