// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.observability.Observability;
import dev.backplane.core.store.DynamoIdempotencyStore;
import dev.backplane.realtime.api.PushEvents;
import dev.backplane.realtime.api.WebSocketRoutes;
import dev.backplane.realtime.domain.ConnectionSweeper;
import dev.backplane.realtime.domain.FanOut;
import dev.backplane.realtime.domain.LivePush;
import dev.backplane.realtime.domain.Subscriptions;
import dev.backplane.realtime.domain.SuspendedUsers;
import dev.backplane.realtime.domain.OwnerProjection;
import dev.backplane.core.ratelimit.RateLimit;
import dev.backplane.core.ratelimit.RateLimiting;
import dev.backplane.realtime.api.SocketLimits;
import dev.backplane.realtime.store.DynamoConnectionStore;
import dev.backplane.realtime.store.DynamoTopicOwners;
import dev.backplane.realtime.store.ManagementApiConnections;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.messaging.Message;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Start class of the realtime Lambda artifact: WebSocket routes ($connect, $disconnect, messages), the push consumer
 * (EventBridge → SQS → @connections) and the connection sweeper. Each Lambda picks one bean with
 * SPRING_CLOUD_FUNCTION_DEFINITION and builds only what that bean uses (everything is lazy).
 */
@SpringBootConfiguration
public class RealtimeFunctions extends FunctionApp {
    /** Parallel @connections calls per invocation (virtual threads); PUSH_PARALLELISM overrides. */
    static final int DEFAULT_PARALLELISM = 32;
    /** How long a subscribe waits for the owner projection to learn a just-created order's owner; OWNER_WAIT_MILLIS overrides. */
    static final int DEFAULT_OWNER_WAIT_MILLIS = 5000;
    private final Config config;

    public RealtimeFunctions() { this(Config.fromEnvironment()); }

    public RealtimeFunctions(Config config) { this.config = config; }

    public static void main(String[] args) { FunctionalSpringApplication.run(RealtimeFunctions.class, args); }

    @Override
    protected void register(Registry registry) {
        Clock clock = Clock.systemUTC();
        AwsClients clients = new AwsClients(config);
        int parallelism = config.getInt("PUSH_PARALLELISM", DEFAULT_PARALLELISM);
        Lazy<DynamoDbClient> dynamo = Lazy.of(clients::dynamoDb);
        Lazy<DynamoConnectionStore> connections = Lazy.of(() -> new DynamoConnectionStore(dynamo.get(), config.require("CONNECTIONS_TABLE")));
        Lazy<ManagementApiConnections> gateway = Lazy.of(() -> new ManagementApiConnections(managementApi(clients)));
        Lazy<DynamoTopicOwners> owners = Lazy.of(() -> new DynamoTopicOwners(dynamo.get(), config.require("CONNECTIONS_TABLE")));
        Lazy<Subscriptions> subscriptions = Lazy.of(() -> new Subscriptions(connections.get(), owners.get(), gateway.get(), clock,
            Duration.ofMillis(config.getInt("OWNER_WAIT_MILLIS", DEFAULT_OWNER_WAIT_MILLIS))));
        WebSocketRoutes routes = new WebSocketRoutes(subscriptions, clock)
            .withLimits(new SocketLimits(config.getInt("WS_MAX_CONNECTIONS_PER_USER", SocketLimits.DEFAULT_CONNECTIONS_PER_USER),
                RateLimit.parse(config.get("WS_MESSAGE_RATE", SocketLimits.DEFAULT_MESSAGE_RATE)),
                RateLimit.parse(config.get("WS_CLOSE_AFTER_REFUSALS", SocketLimits.DEFAULT_REFUSALS_BEFORE_CLOSE)),
                Lazy.of(() -> RateLimiting.fromConfig(config))));

        webSocket(registry, "wsConnect", routes::connect);
        webSocket(registry, "wsDisconnect", routes::disconnect);
        webSocket(registry, "wsMessage", routes::message);

        Lazy<Idempotency> idempotency = Lazy.of(() -> new Idempotency(new DynamoIdempotencyStore(dynamo.get(), config.require("CONNECTIONS_TABLE"))));
        Lazy<LivePush> push = Lazy.of(() -> new LivePush(connections.get(), new FanOut(gateway.get(), connections.get(), parallelism), clock));
        Lazy<SuspendedUsers> suspended = Lazy.of(() -> new SuspendedUsers(connections.get(), gateway.get(), parallelism));
        Lazy<OwnerProjection> projection = Lazy.of(() -> new OwnerProjection(owners.get(), subscriptions.get()));
        // the owner projection first: a subscriber admitted by this very event receives it too
        // the owner projection and the suspension check are idempotent by themselves; the push claims the event only
        // when it has subscribers to deliver to (LivePush), so a redelivery never reaches a client twice
        LivePush.Once oncePerEvent = (eventId, delivery) -> idempotency.get().once("realtime-push:" + eventId, Duration.ofSeconds(60), delivery);
        registry.function("pushEvents", SQSEvent.class, SQSBatchResponse.class, EventConsumer.naturallyIdempotent("realtime-push", event -> {
            projection.get().apply(event);
            PushEvents.push(push.get(), suspended.get(), event, oncePerEvent);
        }));

        Lazy<ConnectionSweeper> sweeper = Lazy.of(() -> new ConnectionSweeper(connections.get(), gateway.get(), clock, parallelism));
        registry.function("sweepConnections", ScheduledEvent.class, ConnectionSweeper.Result.class,
            message -> Observability.around(lambdaContext(message), "sweep-" + clock.millis(), () -> PushEvents.sweep(sweeper.get())));
    }

    private static void webSocket(Registry registry, String name, Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> route) {
        registry.function(name, APIGatewayV2WebSocketEvent.class, APIGatewayV2WebSocketResponse.class,
            (Message<APIGatewayV2WebSocketEvent> message) -> Observability.around(lambdaContext(message),
                WebSocketRoutes.requestId(message.getPayload()), () -> route.apply(message.getPayload())));
    }

    /** @connections lives at the WebSocket stage URL (devstack sets a local one), not at a regional service endpoint. */
    private ApiGatewayManagementApiClient managementApi(AwsClients clients) {
        return clients.configure(ApiGatewayManagementApiClient.builder(), "APIGATEWAYMANAGEMENTAPI")
            .endpointOverride(URI.create(config.require("WEBSOCKET_MANAGEMENT_ENDPOINT")))
            .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build())
            .build();
    }
}
