package dev.backplane.e2e;

import dev.backplane.devstack.Devstack;
import dev.backplane.devstack.DevstackOptions;
import dev.backplane.devstack.oidc.LocalOidcProvider;
import dev.backplane.devstack.oidc.RegisteredClient;
import dev.backplane.orders.store.CatalogSeeder;
import dev.backplane.orders.store.DynamoCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

/** The whole system from template.yaml on devstack (one per test JVM), with the catalog seeded. */
final class LocalSystem {
    /** A registered machine client (client_credentials): its tokens must never pass as a user's. */
    static final RegisteredClient MACHINE_CLIENT = new RegisteredClient("e2e-machine", "e2e-machine-secret", List.of("ops.read"));
    private static LocalSystem instance;
    final Devstack devstack;
    final LocalOidcProvider oidc;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalSystem() {
        Path root = repoRoot();
        oidc = LocalOidcProvider.start(0, List.of(MACHINE_CLIENT));
        devstack = Devstack.start(DevstackOptions.defaults(root.resolve("template.yaml")).withPort(0).withScheduleClocks(false)
            .withParameters(Map.of("OidcIssuerUrl", oidc.issuer(), "CursorSigningKey", java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID())));
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

    HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers) {
        return exchange(request(method, path, token, body, headers));
    }

    /**
     * As {@link #send}, but as a well-behaved client: the gateway's 429 (a burst shed, e.g. authorizer instances still
     * starting) and 503 (a function that did not answer within the integration timeout, e.g. a cold start on a busy
     * machine) are retried after Retry-After (or 2 s), for up to about two minutes. A function's own 500 never is.
     */
    HttpResponse<String> sendPatiently(String method, String path, String token, String body, Map<String, String> headers) {
        return patiently(request(method, path, token, body, headers));
    }

    HttpResponse<String> patiently(HttpRequest request) {
        HttpResponse<String> r = exchange(request);
        for (int attempt = 0; attempt < 10 && (r.statusCode() == 429 || r.statusCode() == 503); attempt++) {
            long seconds = r.headers().firstValue("retry-after").map(Long::parseLong).orElse(2L);
            try {
                Thread.sleep(Duration.ofSeconds(Math.min(seconds, 5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            r = exchange(request);
        }
        return r;
    }

    private HttpRequest request(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(devstack.urls().get("HTTP API") + path)).timeout(Duration.ofSeconds(60))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("content-type", "application/json");
        if (token != null) b.header("authorization", "Bearer " + token);
        headers.forEach(b::header);
        return b.build();
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("template.yaml not found");
        return dir;
    }
}
