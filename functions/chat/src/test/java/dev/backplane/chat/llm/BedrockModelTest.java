package dev.backplane.chat.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.chat.domain.AssistantTools;
import dev.backplane.chat.domain.LanguageModel;
import dev.backplane.chat.domain.LanguageModel.ModelException;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Bedrock adapter through the real SDK client against a local server speaking ConverseStream's event stream. */
class BedrockModelTest {
    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final LanguageModel.Request ASK = new LanguageModel.Request("system rules",
        List.of(new LanguageModel.UserTurn("where is my last order?")), AssistantTools.SPECS, 256);

    private static BedrockModel model(FakeBedrock fake) {
        Config config = Config.of(Map.of("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", fake.endpoint(), "BEDROCK_REGION", "eu-central-1",
            "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
        return new BedrockModel(LanguageModels.bedrock(config, new AwsClients(config)), MODEL, Duration.ofSeconds(10));
    }

    @Test
    void streamsTextDeltasInOrderAndReadsUsage() {
        try (FakeBedrock fake = new FakeBedrock(body -> FakeBedrock.Script.stream(
            FakeBedrock.event("messageStart", "{\"role\":\"assistant\"}"),
            FakeBedrock.text("Your last "), FakeBedrock.text("order is "), FakeBedrock.text("paid."),
            FakeBedrock.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
            FakeBedrock.event("messageStop", "{\"stopReason\":\"end_turn\"}"),
            FakeBedrock.event("metadata", "{\"usage\":{\"inputTokens\":31,\"outputTokens\":6,\"totalTokens\":37},\"metrics\":{\"latencyMs\":120}}")))) {
            List<String> deltas = new ArrayList<>();
            LanguageModel.Reply reply = model(fake).converse(ASK, deltas::add);
            assertEquals(List.of("Your last ", "order is ", "paid."), deltas);
            assertEquals("Your last order is paid.", reply.text());
            assertEquals(31, reply.tokensIn());
            assertEquals(6, reply.tokensOut());
            assertTrue(fake.paths.getFirst().startsWith("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream"), fake.paths.getFirst());
            assertTrue(fake.authorizations.getFirst().contains("/eu-central-1/bedrock/aws4_request"), "SigV4 for the configured region");
            var sent = Json.tree(fake.bodies.getFirst());
            assertEquals(256, sent.get("inferenceConfig").get("maxTokens").asInt());
            assertEquals("last_order", sent.get("toolConfig").get("tools").get(0).get("toolSpec").get("name").asString());
        }
    }

    @Test
    void assemblesToolUseFromItsStartAndInputFragments() {
        try (FakeBedrock fake = new FakeBedrock(body -> FakeBedrock.Script.stream(
            FakeBedrock.event("messageStart", "{\"role\":\"assistant\"}"),
            FakeBedrock.event("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"tu_1\",\"name\":\"get_order\"}}}"),
            FakeBedrock.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"orderId\\\":\"}}}"),
            FakeBedrock.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\\\"ord_1\\\"}\"}}}"),
            FakeBedrock.event("contentBlockStop", "{\"contentBlockIndex\":1}"),
            FakeBedrock.event("messageStop", "{\"stopReason\":\"tool_use\"}")))) {
            LanguageModel.Reply reply = model(fake).converse(ASK, t -> { });
            assertEquals(List.of(new LanguageModel.ToolCall("tu_1", "get_order", Map.of("orderId", "ord_1"))), reply.toolCalls());
        }
    }

    @Test
    void throttlingAndMidStreamErrorsBecomeModelErrorsKeepingWhatStreamed() {
        try (FakeBedrock throttled = new FakeBedrock(b -> FakeBedrock.Script.error(429, "ThrottlingException"));
             FakeBedrock broken = new FakeBedrock(b -> FakeBedrock.Script.stream(FakeBedrock.event("messageStart", "{\"role\":\"assistant\"}"),
                 FakeBedrock.text("half a "), FakeBedrock.exception("modelStreamErrorException", "the model stopped")))) {
            assertEquals(ModelException.Kind.THROTTLED, assertThrows(ModelException.class, () -> model(throttled).converse(ASK, t -> { })).kind());
            List<String> partial = new ArrayList<>();
            assertEquals(ModelException.Kind.BROKEN_STREAM, assertThrows(ModelException.class, () -> model(broken).converse(ASK, partial::add)).kind());
            assertEquals(List.of("half a "), partial);
        }
    }
}
