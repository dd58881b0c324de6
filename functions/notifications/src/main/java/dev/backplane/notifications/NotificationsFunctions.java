package dev.backplane.notifications;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.batch.SqsBatch;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.json.Json;
import dev.backplane.core.observability.Observability;
import dev.backplane.core.store.DynamoIdempotencyStore;
import dev.backplane.notifications.api.NotificationRoutes;
import dev.backplane.notifications.channels.HttpSender;
import dev.backplane.notifications.channels.SesEmailSender;
import dev.backplane.notifications.channels.SqsDeliveryQueue;
import dev.backplane.notifications.domain.Channel;
import dev.backplane.notifications.domain.Deliveries;
import dev.backplane.notifications.domain.DeliveryJob;
import dev.backplane.notifications.domain.FanOut;
import dev.backplane.notifications.domain.Inbox;
import dev.backplane.notifications.domain.UrlGuard;
import dev.backplane.notifications.domain.Webhooks;
import dev.backplane.notifications.store.DynamoNotificationStore;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Start class of the notifications Lambda artifact: the fan-out consumer (events → in-app + delivery jobs), the
 * delivery consumer (email, webhook, Slack with retries) and one function per HTTP route.
 * WEBHOOKS_ALLOW_LOOPBACK_HTTP is a local-development switch (devstack parameter), false everywhere else.
 */
@SpringBootConfiguration
public class NotificationsFunctions extends FunctionApp {
    private final Config config;
    private final UrlGuard.Resolver resolver;

    public NotificationsFunctions() { this(Config.fromEnvironment()); }

    public NotificationsFunctions(Config config) { this(config, UrlGuard.SYSTEM_DNS); }

    /** With the name resolution the SSRF guard uses: the system's DNS, or a test's own answers. */
    public NotificationsFunctions(Config config, UrlGuard.Resolver resolver) {
        this.config = config;
        this.resolver = resolver;
    }

    public static void main(String[] args) { FunctionalSpringApplication.run(NotificationsFunctions.class, args); }

    @Override
    protected void register(Registry registry) {
        Clock clock = Clock.systemUTC();
        AwsClients aws = new AwsClients(config);
        Lazy<DynamoDbClient> dynamo = Lazy.of(aws::dynamoDb);
        Lazy<DynamoNotificationStore> store = Lazy.of(() -> new DynamoNotificationStore(dynamo.get(), config.require("TABLE_NAME"), clock));
        Lazy<Idempotency> idempotency = Lazy.of(() -> new Idempotency(new DynamoIdempotencyStore(dynamo.get(), config.require("TABLE_NAME"))));
        Lazy<SqsClient> sqs = Lazy.of(() -> aws.configure(SqsClient.builder(), "SQS").httpClient(UrlConnectionHttpClient.create()).build());
        Lazy<SesV2Client> ses = Lazy.of(() -> aws.configure(SesV2Client.builder(), "SESV2").httpClient(UrlConnectionHttpClient.create()).build());
        Lazy<SqsDeliveryQueue> queue = Lazy.of(() -> new SqsDeliveryQueue(sqs, config.require("DELIVERY_QUEUE_URL"), config.require("DELIVERY_DLQ_URL")));
        boolean loopback = Boolean.parseBoolean(config.get("WEBHOOKS_ALLOW_LOOPBACK_HTTP", "false"));
        String appUrl = config.get("APP_URL", "http://localhost:5173");
        UrlGuard guard = new UrlGuard(resolver, loopback);
        HttpSender http = new HttpSender(guard, clock, appUrl);
        Lazy<FanOut> fanOut = Lazy.of(() -> new FanOut(store.get(), queue.get(), clock));
        Lazy<Deliveries> deliveries = Lazy.of(() -> new Deliveries(store.get(), queue.get(), Map.of(
            Channel.EMAIL, new SesEmailSender(ses, config.get("NOTIFICATIONS_FROM_EMAIL", "notifications@backplane.local"), appUrl),
            Channel.WEBHOOK, http, Channel.SLACK, http), clock,
            config.getInt("DELIVERY_MAX_ATTEMPTS", 5), config.getInt("DELIVERY_RETRY_BASE_SECONDS", 30)));
        Lazy<NotificationRoutes> routes = Lazy.of(() -> new NotificationRoutes(new Inbox(store.get()),
            new Webhooks(store.get(), guard, http, clock)));

        registry.function("notifyOnEvents", SQSEvent.class, SQSBatchResponse.class, EventConsumer.naturallyIdempotent("notifications",
            event -> Observability.count("notifications.produced", fanOut.get().accept(event))));
        registry.function("deliverNotifications", SQSEvent.class, SQSBatchResponse.class, message ->
            SqsBatch.process(message.getPayload(), record -> {
                DeliveryJob job = Json.read(record.getBody(), DeliveryJob.class);
                Observability.around(lambdaContext(message), job.correlationId() == null ? job.eventId() : job.correlationId(), () -> {
                    deliveries.get().deliver(job);
                    return null;
                });
            }));

        http(registry, HttpEndpoint.read("listNotifications", r -> routes.get().list(r)));
        http(registry, HttpEndpoint.write("readNotification", idempotency, r -> routes.get().read(r)));
        http(registry, HttpEndpoint.write("readAllNotifications", idempotency, r -> routes.get().readAll(r)));
        http(registry, HttpEndpoint.read("getNotificationPreferences", r -> routes.get().preferences(r)));
        http(registry, HttpEndpoint.write("putNotificationPreferences", idempotency, r -> routes.get().updatePreferences(r)));
        http(registry, HttpEndpoint.read("listWebhooks", r -> routes.get().listWebhooks(r)));
        http(registry, HttpEndpoint.write("createWebhook", idempotency, r -> routes.get().createWebhook(r)));
        http(registry, HttpEndpoint.write("deleteWebhook", idempotency, r -> routes.get().deleteWebhook(r)));
        http(registry, HttpEndpoint.write("testWebhook", idempotency, r -> routes.get().testWebhook(r)));
    }

    private static void http(Registry registry, HttpEndpoint endpoint) {
        registry.function(endpoint.name(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, endpoint);
    }
}
