package dev.backplane.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.chat.api.ChatEventsConsumer;
import dev.backplane.chat.api.ChatRoutes;
import dev.backplane.chat.domain.ChatPolicy;
import dev.backplane.chat.domain.ChatService;
import dev.backplane.chat.domain.ModerationClassifier;
import dev.backplane.chat.domain.Responder;
import dev.backplane.chat.llm.LanguageModels;
import dev.backplane.chat.store.DynamoChatFacts;
import dev.backplane.chat.store.DynamoChatStore;
import dev.backplane.chat.store.LiveConversationStream;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.store.DynamoIdempotencyStore;
import dev.backplane.realtime.store.DynamoConnectionStore;
import dev.backplane.realtime.store.ManagementApiConnections;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Start class of the chat Lambda artifact: conversation routes, usage, abuse review, the responder and chat's projection. */
@SpringBootConfiguration
public class ChatFunctions extends FunctionApp {
    private final Config config;

    public ChatFunctions() { this(Config.fromEnvironment()); }

    public ChatFunctions(Config config) { this.config = config; }

    public static void main(String[] args) { FunctionalSpringApplication.run(ChatFunctions.class, args); }

    @Override
    protected void register(Registry registry) {
        Clock clock = Clock.systemUTC();
        AwsClients clients = new AwsClients(config);
        Lazy<DynamoDbClient> dynamo = Lazy.of(clients::dynamoDb);
        Supplier<String> table = () -> config.require("TABLE_NAME");
        ChatPolicy policy = policy(config);
        Lazy<DynamoChatStore> store = Lazy.of(() -> new DynamoChatStore(dynamo.get(), table.get(), clock));
        Lazy<DynamoChatFacts> facts = Lazy.of(() -> new DynamoChatFacts(dynamo.get(), table.get()));
        Lazy<ChatRoutes> routes = Lazy.of(() -> new ChatRoutes(new ChatService(store.get(), policy, clock,
            () -> UUID.randomUUID().toString().replace("-", ""), moderationClassifier(config, clients, clock)), clock));
        Lazy<Idempotency> idempotency = Lazy.of(() -> new Idempotency(new DynamoIdempotencyStore(dynamo.get(), table.get())));

        http(registry, HttpEndpoint.write("startConversation", idempotency, r -> routes.get().startConversation(r)));
        http(registry, HttpEndpoint.read("listConversations", r -> routes.get().listConversations(r)));
        http(registry, HttpEndpoint.read("listMessages", r -> routes.get().listMessages(r)));
        http(registry, HttpEndpoint.write("postMessage", idempotency, r -> routes.get().postMessage(r)));
        http(registry, HttpEndpoint.write("deleteConversation", idempotency, r -> routes.get().deleteConversation(r)));
        http(registry, HttpEndpoint.read("getUsage", r -> routes.get().usage(r)));
        http(registry, HttpEndpoint.read("listAbuse", r -> routes.get().abuse(r)));

        Lazy<Responder> responder = Lazy.of(() -> new Responder(store.get(), facts.get(), LanguageModels.fromConfig(config, clients, clock),
            new LiveConversationStream(new DynamoConnectionStore(dynamo.get(), config.require("CONNECTIONS_TABLE")),
                new ManagementApiConnections(managementApi(clients)), clock), policy, clock));
        registry.function("respondToMessages", SQSEvent.class, SQSBatchResponse.class,
            new EventConsumer("chat-responder", idempotency, Duration.ofSeconds(120), ChatEventsConsumer.responder(responder)));
        registry.function("projectChatFacts", SQSEvent.class, SQSBatchResponse.class,
            new EventConsumer("chat-facts", idempotency, Duration.ofSeconds(60), ChatEventsConsumer.projection(facts)));
    }

    static ChatPolicy policy(Config config) {
        ChatPolicy d = ChatPolicy.defaults();
        return new ChatPolicy(config.getInt("CHAT_MAX_MESSAGE_CHARS", d.maxMessageChars()), config.getInt("CHAT_DAILY_MESSAGES", d.dailyMessages()),
            config.getInt("CHAT_DAILY_TOKENS", (int) d.dailyTokens()), config.getInt("CHAT_CREDITS_PER_1K_TOKENS", (int) d.creditsPer1kTokens()),
            config.getInt("CHAT_MAX_TOKENS", d.maxTokens()), config.getInt("CHAT_ABUSE_THRESHOLD", d.abuseThreshold()), d.historyMessages());
    }

    /** The model classifier after the moderation rules, when {@code CHAT_MODERATION_MODEL=on} (off by default). */
    static ModerationClassifier moderationClassifier(Config config, AwsClients clients, Clock clock) {
        return "on".equals(config.get("CHAT_MODERATION_MODEL", "off")) ? new ModerationClassifier(LanguageModels.fromConfig(config, clients, clock)) : null;
    }

    private ApiGatewayManagementApiClient managementApi(AwsClients clients) {
        return clients.configure(ApiGatewayManagementApiClient.builder(), "APIGATEWAYMANAGEMENTAPI")
            .endpointOverride(URI.create(config.require("WEBSOCKET_MANAGEMENT_ENDPOINT")))
            .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build())
            .build();
    }

    private static void http(Registry registry, HttpEndpoint endpoint) {
        registry.function(endpoint.name(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, endpoint);
    }
}
