package dev.backplane.chat.llm;

import dev.backplane.chat.domain.CircuitBreaker;
import dev.backplane.chat.domain.LanguageModel;
import dev.backplane.chat.domain.LocalAssistant;
import dev.backplane.chat.domain.ResilientModel;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import java.time.Clock;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import java.time.Duration;

/**
 * Picks the model from configuration: {@code CHAT_PROVIDER} = {@code local} (default), {@code bedrock} or
 * {@code openai} (docs/chat.md), always behind retries and a circuit breaker.
 */
public final class LanguageModels {
    private LanguageModels() {}

    private static Duration timeout(Config config) { return Duration.ofSeconds(config.getInt("CHAT_MODEL_TIMEOUT_SECONDS", 60)); }

    /** The region may differ from the function's (a model offered elsewhere); endpoint overrides still apply (tests). */
    static BedrockRuntimeAsyncClient bedrock(Config config, AwsClients clients) {
        return clients.configure(BedrockRuntimeAsyncClient.builder(), "BEDROCK_RUNTIME")
            .region(Region.of(config.get("BEDROCK_REGION", config.get("AWS_REGION", "us-east-1"))))
            // retries belong to ResilientModel, which knows whether text already streamed
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .httpClientBuilder(NettyNioAsyncHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(30)))
            .build();
    }

    /** The API key: OPENAI_API_KEY where it may sit in the environment (devstack), else the SSM SecureString. */
    private static String openAiKey(Config config, AwsClients clients) {
        return config.find("OPENAI_API_KEY").orElseGet(() -> {
            try (SsmClient ssm = clients.configure(SsmClient.builder(), "SSM").httpClient(UrlConnectionHttpClient.create()).build()) {
                return ssm.getParameter(b -> b.name(config.require("OPENAI_API_KEY_PARAMETER")).withDecryption(true)).parameter().value();
            }
        });
    }

    public static LanguageModel fromConfig(Config config, AwsClients clients, Clock clock) {
        LanguageModel model = switch (config.get("CHAT_PROVIDER", "local")) {
            case "local" -> new LocalAssistant();
            case "bedrock" -> new BedrockModel(bedrock(config, clients), config.require("BEDROCK_MODEL_ID"), timeout(config));
            case "openai" -> new OpenAiCompatibleModel(config.get("OPENAI_BASE_URL", "https://api.openai.com/v1"), openAiKey(config, clients),
                config.require("OPENAI_MODEL"), timeout(config));
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
