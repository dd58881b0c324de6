package dev.backplane.chat.llm;

import dev.backplane.chat.domain.LanguageModel;
import dev.backplane.chat.domain.LanguageModel.ModelException.Kind;
import dev.backplane.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any OpenAI-compatible Chat Completions endpoint ({@code POST {base}/chat/completions} with {@code stream: true}):
 * OpenAI, Azure OpenAI, vLLM, Ollama, LiteLLM… The server-sent events are read with {@link ServerSentEvents};
 * content deltas stream out as they arrive, tool-call fragments are assembled by index, usage comes from the final
 * chunk ({@code stream_options.include_usage}). A stream that ends before {@code [DONE]} is a broken stream.
 */
public final class OpenAiCompatibleModel implements LanguageModel {
    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final Duration timeout;

    public OpenAiCompatibleModel(String baseUrl, String apiKey, String model, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = apiKey;
        this.model = model;
        this.timeout = timeout;
    }

    @Override
    public String provider() { return "openai"; }

    @Override
    public String model() { return model; }

    @Override
    public Reply converse(Request request, Consumer<String> onText) {
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint).timeout(timeout)
            .header("authorization", "Bearer " + apiKey).header("content-type", "application/json").header("accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body(request)))).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new ModelException(Kind.TIMEOUT, "openai: no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new ModelException(Kind.UNAVAILABLE, "openai: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(Kind.TIMEOUT, "openai: interrupted");
        }
        int status = response.statusCode();
        if (status != 200) {
            try (InputStream ignored = response.body()) {
                long retryAfter = response.headers().firstValueAsLong("retry-after").orElse(1);
                throw switch (status) {
                    case 429 -> new ModelException(Kind.THROTTLED, "openai: 429", retryAfter);
                    case 500, 502, 503, 504 -> new ModelException(Kind.UNAVAILABLE, "openai: " + status, retryAfter);
                    default -> new ModelException(Kind.REJECTED, "openai: " + status);
                };
            } catch (IOException e) {
                throw new ModelException(Kind.UNAVAILABLE, "openai: " + status);
            }
        }
        return read(response.body(), onText);
    }

    private Reply read(InputStream body, Consumer<String> onText) {
        StringBuilder text = new StringBuilder();
        Map<Integer, String[]> calls = new TreeMap<>(); // index → {id, name, arguments so far}
        long[] usage = {0, 0};
        boolean[] done = {false};
        try (body) {
            new ServerSentEvents(body).forEach(event -> {
                if (event.data().equals("[DONE]")) {
                    done[0] = true;
                    return;
                }
                JsonNode chunk = Json.tree(event.data());
                if (chunk.has("error")) throw new ModelException(Kind.BROKEN_STREAM, "openai: error in stream");
                JsonNode u = chunk.path("usage");
                if (u.isObject()) {
                    usage[0] = u.path("prompt_tokens").asLong();
                    usage[1] = u.path("completion_tokens").asLong();
                }
                for (JsonNode choice : chunk.path("choices")) {
                    JsonNode delta = choice.path("delta");
                    String content = delta.path("content").asString(null);
                    if (content != null && !content.isEmpty()) {
                        text.append(content);
                        onText.accept(content);
                    }
                    for (JsonNode call : delta.path("tool_calls")) {
                        String[] c = calls.computeIfAbsent(call.path("index").asInt(), i -> new String[] {null, null, ""});
                        if (call.path("id").isString()) c[0] = call.path("id").asString();
                        if (call.path("function").path("name").isString()) c[1] = call.path("function").path("name").asString();
                        c[2] += call.path("function").path("arguments").asString("");
                    }
                }
            });
        } catch (IOException e) {
            throw new ModelException(Kind.BROKEN_STREAM, "openai: stream broke: " + e.getClass().getSimpleName());
        } catch (tools.jackson.core.JacksonException e) {
            throw new ModelException(Kind.BROKEN_STREAM, "openai: unreadable chunk");
        }
        if (!done[0]) throw new ModelException(Kind.BROKEN_STREAM, "openai: stream ended before [DONE]");
        List<ToolCall> toolCalls = new ArrayList<>();
        calls.forEach((i, c) -> toolCalls.add(new ToolCall(c[0] == null ? "call-" + i : c[0], c[1], arguments(c[2]))));
        return new Reply(text.toString(), toolCalls, usage[0], usage[1]);
    }

    private static Map<String, String> arguments(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json.isBlank()) return out;
        try {
            Json.tree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
        } catch (RuntimeException e) {
            throw new ModelException(Kind.REJECTED, "openai: tool arguments are not JSON");
        }
        return out;
    }

    private ObjectNode body(Request request) {
        ObjectNode body = Json.object().put("model", model).put("stream", true).put("max_tokens", request.maxTokens());
        body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        for (Turn turn : request.turns()) {
            switch (turn) {
                case UserTurn u -> messages.addObject().put("role", "user").put("content", u.text());
                case AssistantTurn a -> {
                    ObjectNode m = messages.addObject().put("role", "assistant").put("content", a.text());
                    if (!a.calls().isEmpty()) {
                        ArrayNode calls = m.putArray("tool_calls");
                        for (ToolCall c : a.calls()) {
                            ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                            call.putObject("function").put("name", c.name()).put("arguments", Json.write(c.input()));
                        }
                    }
                }
                case ToolResultsTurn r -> r.results().forEach(x -> messages.addObject().put("role", "tool")
                    .put("tool_call_id", x.callId()).put("content", x.content()));
            }
        }
        ArrayNode tools = body.putArray("tools");
        for (ToolSpec spec : request.tools()) {
            ObjectNode function = tools.addObject().put("type", "function").putObject("function")
                .put("name", spec.name()).put("description", spec.description());
            ObjectNode parameters = function.putObject("parameters").put("type", "object");
            ObjectNode properties = parameters.putObject("properties");
            spec.parameters().forEach((name, description) -> properties.putObject(name).put("type", "string").put("description", description));
        }
        return body;
    }
}
