package dev.backplane.chat.llm;

import dev.backplane.chat.domain.LanguageModel;
import dev.backplane.chat.domain.LanguageModel.ModelException.Kind;
import dev.backplane.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Amazon Bedrock through the Converse API's streaming form (ConverseStream: an {@code application/vnd.amazon.eventstream}
 * response the SDK decodes): text deltas stream out as they arrive; tool-use blocks are assembled from their start
 * (id, name) and input fragments; token usage comes from the metadata event. The model id, region and max tokens
 * are configuration; the template's IAM policy allows only that model.
 */
public final class BedrockModel implements LanguageModel {
    private final BedrockRuntimeAsyncClient client;
    private final String modelId;
    private final Duration timeout;

    public BedrockModel(BedrockRuntimeAsyncClient client, String modelId, Duration timeout) {
        this.client = client;
        this.modelId = modelId;
        this.timeout = timeout;
    }

    @Override
    public String provider() { return "bedrock"; }

    @Override
    public String model() { return modelId; }

    @Override
    public Reply converse(Request request, Consumer<String> onText) {
        StringBuilder text = new StringBuilder();
        Map<Integer, String[]> tools = new LinkedHashMap<>(); // block index → {toolUseId, name, input json so far}
        long[] usage = {0, 0};
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
            .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                .onContentBlockStart(e -> {
                    if (e.start() != null && e.start().toolUse() != null) {
                        tools.put(e.contentBlockIndex(), new String[] {e.start().toolUse().toolUseId(), e.start().toolUse().name(), ""});
                    }
                })
                .onContentBlockDelta(e -> {
                    if (e.delta().text() != null) {
                        text.append(e.delta().text());
                        onText.accept(e.delta().text());
                    } else if (e.delta().toolUse() != null && tools.containsKey(e.contentBlockIndex())) {
                        tools.get(e.contentBlockIndex())[2] += e.delta().toolUse().input();
                    }
                })
                .onMetadata(e -> {
                    if (e.usage() != null) {
                        usage[0] = e.usage().inputTokens();
                        usage[1] = e.usage().outputTokens();
                    }
                })
                .build())
            .build();
        try {
            client.converseStream(request(request), handler).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ModelException(Kind.TIMEOUT, "bedrock: no complete answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(Kind.TIMEOUT, "bedrock: interrupted");
        } catch (ExecutionException e) {
            throw translate(e.getCause(), !text.isEmpty());
        }
        List<ToolCall> calls = new ArrayList<>();
        tools.values().forEach(t -> calls.add(new ToolCall(t[0], t[1], arguments(t[2]))));
        return new Reply(text.toString(), calls, usage[0], usage[1]);
    }

    private static ModelException translate(Throwable cause, boolean streamed) {
        Throwable c = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        return switch (c) {
            case ThrottlingException t -> new ModelException(Kind.THROTTLED, "bedrock: throttled", 1);
            case ModelTimeoutException t -> new ModelException(Kind.TIMEOUT, "bedrock: model timed out");
            case ModelStreamErrorException t -> new ModelException(Kind.BROKEN_STREAM, "bedrock: stream error");
            case ValidationException t -> new ModelException(Kind.REJECTED, "bedrock: request rejected");
            case AccessDeniedException t -> new ModelException(Kind.REJECTED, "bedrock: access denied to the model");
            case SdkClientException t when streamed -> new ModelException(Kind.BROKEN_STREAM, "bedrock: stream broke");
            default -> new ModelException(Kind.UNAVAILABLE, "bedrock: " + c.getClass().getSimpleName());
        };
    }

    private ConverseStreamRequest request(Request request) {
        List<Message> messages = new ArrayList<>();
        for (Turn turn : request.turns()) {
            Message message = switch (turn) {
                case UserTurn u -> Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(u.text())).build();
                case AssistantTurn a -> {
                    List<ContentBlock> content = new ArrayList<>();
                    if (!a.text().isBlank()) content.add(ContentBlock.fromText(a.text()));
                    a.calls().forEach(c -> content.add(ContentBlock.fromToolUse(ToolUseBlock.builder().toolUseId(c.id()).name(c.name())
                        .input(document(c.input())).build())));
                    yield Message.builder().role(ConversationRole.ASSISTANT).content(content).build();
                }
                case ToolResultsTurn r -> Message.builder().role(ConversationRole.USER).content(r.results().stream()
                    .map(x -> ContentBlock.fromToolResult(ToolResultBlock.builder().toolUseId(x.callId())
                        .content(ToolResultContentBlock.fromText(x.content())).build())).toList()).build();
            };
            messages.add(message);
        }
        List<Tool> tools = request.tools().stream().map(spec -> Tool.fromToolSpec(ToolSpecification.builder().name(spec.name())
            .description(spec.description()).inputSchema(ToolInputSchema.fromJson(schema(spec.parameters()))).build())).toList();
        return ConverseStreamRequest.builder().modelId(modelId).messages(messages).system(SystemContentBlock.fromText(request.system()))
            .toolConfig(ToolConfiguration.builder().tools(tools).build())
            .inferenceConfig(InferenceConfiguration.builder().maxTokens(request.maxTokens()).build()).build();
    }

    private static Document schema(Map<String, String> parameters) {
        Map<String, Document> properties = new LinkedHashMap<>();
        parameters.forEach((name, description) -> properties.put(name, Document.fromMap(Map.of("type", Document.fromString("string"),
            "description", Document.fromString(description)))));
        return Document.fromMap(Map.of("type", Document.fromString("object"), "properties", Document.fromMap(properties)));
    }

    private static Document document(Map<String, String> input) {
        Map<String, Document> values = new LinkedHashMap<>();
        input.forEach((k, v) -> values.put(k, Document.fromString(v)));
        return Document.fromMap(values);
    }

    private static Map<String, String> arguments(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json.isBlank()) return out;
        try {
            Json.tree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
        } catch (RuntimeException e) {
            throw new ModelException(Kind.REJECTED, "bedrock: tool input is not JSON");
        }
        return out;
    }
}
