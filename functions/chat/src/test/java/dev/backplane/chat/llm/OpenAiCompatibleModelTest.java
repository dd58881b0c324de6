package dev.backplane.chat.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.chat.domain.AssistantTools;
import dev.backplane.chat.domain.LanguageModel;
import dev.backplane.chat.domain.LanguageModel.ModelException;
import dev.backplane.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible adapter against a local server speaking the real SSE wire format. */
class OpenAiCompatibleModelTest {
    private static final LanguageModel.Request ASK = new LanguageModel.Request("system rules",
        List.of(new LanguageModel.UserTurn("where is my last order?")), AssistantTools.SPECS, 256);

    @Test
    void streamsTextDeltasAndReadsUsage() {
        try (FakeOpenAi server = new FakeOpenAi(body -> new FakeOpenAi.Script(200, List.of(
            ": keep-alive\n\n", FakeOpenAi.text("Your last "), FakeOpenAi.text("order is "), FakeOpenAi.text("paid."),
            FakeOpenAi.chunk("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"),
            FakeOpenAi.chunk("{\"choices\":[],\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":7}}"), "data: [DONE]\n\n")))) {
            List<String> deltas = new ArrayList<>();
            LanguageModel.Reply reply = new OpenAiCompatibleModel(server.baseUrl(), "sk-test", "gpt-test", Duration.ofSeconds(5)).converse(ASK, deltas::add);
            assertEquals(List.of("Your last ", "order is ", "paid."), deltas);
            assertEquals("Your last order is paid.", reply.text());
            assertEquals(42, reply.tokensIn());
            assertEquals(7, reply.tokensOut());
            assertEquals("Bearer sk-test", server.authorizations.getFirst());
            var sent = Json.tree(server.requests.getFirst());
            assertTrue(sent.get("stream").asBoolean());
            assertEquals("system", sent.get("messages").get(0).get("role").asString());
            assertEquals("last_order", sent.get("tools").get(0).get("function").get("name").asString());
        }
    }

    @Test
    void assemblesToolCallsFromFragmentsAndSendsResultsBack() {
        try (FakeOpenAi server = new FakeOpenAi(body -> new FakeOpenAi.Script(200, List.of(
            FakeOpenAi.chunk("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_order\",\"arguments\":\"\"}}]}}]}"),
            FakeOpenAi.chunk("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"orderId\\\":\"}}]}}]}"),
            FakeOpenAi.chunk("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"ord_1\\\"}\"}}]}}]}"),
            "data: [DONE]\n\n")))) {
            LanguageModel.Reply reply = new OpenAiCompatibleModel(server.baseUrl(), "k", "m", Duration.ofSeconds(5)).converse(ASK, t -> { });
            assertEquals(List.of(new LanguageModel.ToolCall("call_1", "get_order", Map.of("orderId", "ord_1"))), reply.toolCalls());
        }
    }

    @Test
    void throttlingOutagesAndBrokenStreamsBecomeModelErrors() {
        try (FakeOpenAi throttled = new FakeOpenAi(b -> new FakeOpenAi.Script(429, List.of()));
             FakeOpenAi down = new FakeOpenAi(b -> new FakeOpenAi.Script(503, List.of()));
             FakeOpenAi broken = new FakeOpenAi(b -> new FakeOpenAi.Script(200, List.of(FakeOpenAi.text("half a ")))) ) {
            ModelException t = assertThrows(ModelException.class, () -> model(throttled).converse(ASK, x -> { }));
            assertEquals(ModelException.Kind.THROTTLED, t.kind());
            assertEquals(2, t.retryAfterSeconds(), "Retry-After is honoured");
            assertEquals(ModelException.Kind.UNAVAILABLE, assertThrows(ModelException.class, () -> model(down).converse(ASK, x -> { })).kind());
            List<String> partial = new ArrayList<>();
            assertEquals(ModelException.Kind.BROKEN_STREAM, assertThrows(ModelException.class, () -> model(broken).converse(ASK, partial::add)).kind());
            assertEquals(List.of("half a "), partial, "what streamed before the break was delivered");
        }
    }

    private static OpenAiCompatibleModel model(FakeOpenAi server) { return new OpenAiCompatibleModel(server.baseUrl(), "k", "m", Duration.ofSeconds(5)); }
}
