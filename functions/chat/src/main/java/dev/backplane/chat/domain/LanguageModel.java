package dev.backplane.chat.domain;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Port to a chat model with tool use. {@link #converse} streams text through {@code onText} as it arrives and returns
 * the whole turn: its text, the tools it asks for (the caller runs them and converses again) and token counts.
 * Adapters: {@code LocalAssistant} (deterministic, no network), Bedrock ConverseStream, OpenAI-compatible SSE.
 */
public interface LanguageModel {
    String provider();

    String model();

    Reply converse(Request request, Consumer<String> onText);

    record Request(String system, List<Turn> turns, List<ToolSpec> tools, int maxTokens) {}

    /** A conversation turn as models see it; tool results are data for the model, never instructions. */
    sealed interface Turn permits UserTurn, AssistantTurn, ToolResultsTurn {}

    record UserTurn(String text) implements Turn {}

    record AssistantTurn(String text, List<ToolCall> calls) implements Turn {}

    record ToolResultsTurn(List<ToolResult> results) implements Turn {}

    /** A tool the model may call; {@code parameters} maps each (string) parameter to its description. */
    record ToolSpec(String name, String description, Map<String, String> parameters) {}

    record ToolCall(String id, String name, Map<String, String> input) {}

    /** {@code content} is JSON text. */
    record ToolResult(String callId, String content) {}

    record Reply(String text, List<ToolCall> toolCalls, long tokensIn, long tokensOut) {}

    /** Why a call failed; THROTTLED is worth retrying after a pause, the others end the reply. */
    final class ModelException extends RuntimeException {
        public enum Kind { THROTTLED, UNAVAILABLE, TIMEOUT, BROKEN_STREAM, REJECTED }

        private final Kind kind;
        private final long retryAfterSeconds;

        public ModelException(Kind kind, String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.kind = kind;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public ModelException(Kind kind, String message) { this(kind, message, 0); }

        public Kind kind() { return kind; }

        public long retryAfterSeconds() { return retryAfterSeconds; }
    }
}
