package dev.backplane.chat.llm;

import dev.backplane.chat.domain.CircuitBreaker;
import dev.backplane.chat.domain.LanguageModel;
import dev.backplane.chat.domain.LocalAssistant;
import dev.backplane.chat.domain.ResilientModel;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import java.time.Clock;
import java.time.Duration;

/**
 * Picks the model from configuration: {@code CHAT_PROVIDER} = {@code local} (default), {@code bedrock} or
 * {@code openai} (docs/chat.md), always behind retries and a circuit breaker.
 */
public final class LanguageModels {
    private LanguageModels() {}

    public static LanguageModel fromConfig(Config config, AwsClients clients, Clock clock) {
        LanguageModel model = switch (config.get("CHAT_PROVIDER", "local")) {
            case "local" -> new LocalAssistant();
            default -> throw new IllegalStateException("CHAT_PROVIDER must be local, bedrock or openai");
        };
        return new ResilientModel(model, new CircuitBreaker(config.getInt("CHAT_BREAKER_FAILURES", 3),
            Duration.ofSeconds(config.getInt("CHAT_BREAKER_COOLDOWN_SECONDS", 30)), clock),
            config.getInt("CHAT_MODEL_ATTEMPTS", 3), Duration.ofMillis(200), d -> {
                try {
                    Thread.sleep(d);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
    }
}
