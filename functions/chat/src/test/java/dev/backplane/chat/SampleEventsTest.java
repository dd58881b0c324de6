package dev.backplane.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.chat.store.DynamoChatFacts;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events/ samples of every chat function, fed to the function beans as Lambda would (Lambda's serializers). */
class SampleEventsTest {
    private final String table = LocalDynamo.newAppTable();
    private final FunctionHarness harness = new FunctionHarness(new ChatFunctions(Config.of(Map.of(
        "TABLE_NAME", table, "CONNECTIONS_TABLE", LocalDynamo.newTable("ConnectionsTable"),
        "WEBSOCKET_MANAGEMENT_ENDPOINT", "http://127.0.0.1:9", "AWS_ENDPOINT_URL_DYNAMODB", LocalDynamo.endpoint(),
        "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"))));

    private APIGatewayV2HTTPResponse http(String function, String sample) {
        return harness.invoke(function, APIGatewayV2HTTPEvent.class, FunctionHarness.event(sample));
    }

    @Test
    void httpSamples() {
        APIGatewayV2HTTPResponse created = http("startConversation", "StartConversationFunction/start-conversation_valid.json");
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("Where are my orders?", Json.tree(created.getBody()).get("title").asString());
        assertEquals(1, Json.tree(http("listConversations", "ListConversationsFunction/list-conversations_first-page.json").getBody()).get("items").size());
        assertEquals(404, http("listMessages", "ListMessagesFunction/list-messages_unknown-conversation.json").getStatusCode());
        assertEquals(404, http("postMessage", "PostMessageFunction/post-message_unknown-conversation.json").getStatusCode());
        assertEquals(404, http("deleteConversation", "DeleteConversationFunction/delete-conversation_unknown.json").getStatusCode());
        JsonAssert usage = new JsonAssert(http("getUsage", "GetUsageFunction/get-usage_valid.json").getBody());
        assertEquals(0, usage.num("messages"));
        assertEquals(200, http("listAbuse", "ListAbuseFunction/list-abuse_admin.json").getStatusCode());
        assertEquals(403, harness.<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>invoke("listAbuse", APIGatewayV2HTTPEvent.class,
            FunctionHarness.event("GetUsageFunction/get-usage_valid.json")).getStatusCode(), "a plain user is no admin");
    }

    @Test
    void consumerSamples() {
        SQSBatchResponse facts = harness.invoke("projectChatFacts", SQSEvent.class, FunctionHarness.event("ChatFactsFunction/sqs_order-placed-and-credits.json"));
        assertTrue(facts.getBatchItemFailures().isEmpty());
        DynamoChatFacts projection = new DynamoChatFacts(LocalDynamo.client(), table);
        assertEquals("PAID", projection.order("ord_sample_1").orElseThrow().status());
        assertEquals(500, projection.credits("user-alice").available());
        SQSBatchResponse catalog = harness.invoke("projectChatFacts", SQSEvent.class, FunctionHarness.event("ChatFactsFunction/sqs_product-listed.json"));
        assertTrue(catalog.getBatchItemFailures().isEmpty());
        assertEquals(List.of("p-grinder"), projection.searchProducts(List.of("CONICAL", "burrs"), 5).stream().map(p -> p.productId()).toList());
        // the sample's conversation does not exist: the responder records a failed reply instead of crashing
        SQSBatchResponse responder = harness.invoke("respondToMessages", SQSEvent.class, FunctionHarness.event("ChatResponderFunction/sqs_chat-message-posted.json"));
        assertTrue(responder.getBatchItemFailures().isEmpty());
    }

    private record JsonAssert(String body) {
        long num(String field) { return Json.tree(body).get(field).asLong(); }
    }
}
