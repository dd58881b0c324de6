package dev.backplane.e2e;

import dev.backplane.devstack.Devstack;
import dev.backplane.devstack.DevstackOptions;
import dev.backplane.devstack.LocalClients;
import dev.backplane.devstack.lambda.FunctionLimits;
import dev.backplane.devstack.oidc.LocalOidcProvider;
import dev.backplane.devstack.oidc.RegisteredClient;
import dev.backplane.orders.store.CatalogSeeder;
import dev.backplane.orders.store.DynamoCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The whole system from template.yaml on devstack (one per test JVM), with the catalog seeded. */
final class LocalSystem implements DeployedSystem {
    /** A registered machine client (client_credentials): its tokens must never pass as a user's. */
    static final RegisteredClient MACHINE_CLIENT = new RegisteredClient("e2e-machine", "e2e-machine-secret", List.of("ops.read"));
    private static LocalSystem instance;
    final Devstack devstack;
    final LocalOidcProvider oidc;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SqsClient sqs;

    private LocalSystem() {
        Path root = repoRoot();
        oidc = LocalOidcProvider.start(0, List.of(MACHINE_CLIENT));
        // every function the suites call stays warm for the whole run (as in the browser suite's devstack): the laptop
        // defaults (16 JVMs, 3 min idle stop) evict instances the fuzz suite's round of ~55 routes and the journeys
        // come back to, and every eviction is another cold start on a small CI machine
        devstack = Devstack.start(DevstackOptions.defaults(root.resolve("template.yaml")).withPort(0).withScheduleClocks(false)
            .withLimits(new FunctionLimits(FunctionLimits.DEFAULTS.instancesPerFunction(), 64, Duration.ofMinutes(60)))
            .withParameters(Map.of("OidcIssuerUrl", oidc.issuer(), "CursorSigningKey", java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID(),
                // notifications: webhooks to the tests' loopback server (a development-only switch), quick retries
                "NotificationsAllowLoopbackWebhooks", "true", "NotificationRetryBaseSeconds", "1")));
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(devstack.endpoint("DynamoDB")).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create()).build();
        try {
            CatalogSeeder.seed(new DynamoCatalog(dynamo, "AppTable"), root.resolve("infra/seed/products.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            devstack.close();
            oidc.close();
        }));
    }

    static synchronized LocalSystem get() {
        if (instance == null) instance = new LocalSystem();
        return instance;
    }

    @Override
    public String httpApiUrl() { return devstack.urls().get("HTTP API"); }

    @Override
    public URI webSocketUrl() { return URI.create(devstack.urls().get("WebSocket API")); }

    @Override
    public String accessToken(String user) { return oidc.accessToken(user); }

    @Override
    public HttpClient http() { return http; }

    @Override
    public synchronized SqsClient sqs() {
        if (sqs == null) sqs = LocalClients.sqs(devstack.endpoint("SQS"), "us-east-1");
        return sqs;
    }

    @Override
    public String queueUrl(String logicalId) { return devstack.queueUrl(logicalId); }

    /** Waits until the Lambda authorizer has started (the gateway says "not yet" until then) and lets the token pass. */
    static void awaitAuthorizer(LocalSystem system, String token) {
        HttpResponse<String> r = system.sendPatiently("GET", "/orders?limit=1", token, null);
        if (r.statusCode() != 200) throw new AssertionError("GET /orders answered " + r.statusCode() + ": " + r.body());
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("template.yaml not found");
        return dir;
    }
}
