// SPDX-License-Identifier: Apache-2.0
package dev.backplane.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backplane.devstack.logs.LogSink;
import dev.backplane.devstack.oidc.LocalOidcProvider;
import dev.backplane.devstack.stripe.StripeSimulator;
import dev.backplane.e2e.DeployedSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Backplane deployed to a LocalStack container by {@link LocalStackDeploy} (the tool users run), one per test JVM:
 * the local OIDC provider and Stripe simulator run in this JVM and are relayed to the Lambda containers as
 * host.docker.internal; the APIs are LocalStack's (a plan with API Gateway v2), or absent in hybrid mode.
 */
final class LocalStackSystem implements DeployedSystem, AutoCloseable {
    /** Pinned: LocalStack's `latest` needs an auth token; this tag runs without one (with fewer services). */
    static final String IMAGE = "localstack/localstack:4.4";
    private static LocalStackSystem instance;

    private final LocalStackContainer localstack;
    private final LocalOidcProvider oidc;
    private final HostRelay oidcRelay;
    private final StripeSimulator stripe;
    private final HostRelay stripeRelay;
    private final LocalStackDeploy.Deployment deployment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SqsClient sqs;
    private volatile String httpApiUrl;

    private LocalStackSystem() throws IOException {
        String token = System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", "");
        localstack = new LocalStackContainer(DockerImageName.parse(IMAGE))
            .withEnv("LOCALSTACK_AUTH_TOKEN", token)
            // Lambda runs each function in a container of its own: it needs the Docker socket and a way back to this host
            .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock")
            .withEnv("LAMBDA_DOCKER_FLAGS", "--add-host=host.docker.internal:host-gateway");
        localstack.start();
        oidc = LocalOidcProvider.start(0);
        oidcRelay = new HostRelay(URI.create(oidc.issuer()).getPort());
        LogSink quiet = (source, text) -> { };
        stripe = StripeSimulator.start(0, () -> httpApiUrl + StripeSimulator.WEBHOOK_PATH, quiet);
        stripeRelay = new HostRelay(URI.create(stripe.apiBase()).getPort());

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AWS_REGION", localstack.getRegion());
        parameters.put("OidcIssuerUrl", issuer());
        parameters.put("StripeApiBase", "http://host.docker.internal:" + stripeRelay.port());
        parameters.put("StripeApiKey", StripeSimulator.DEFAULT_API_KEY);
        parameters.put("StripeWebhookSecret", StripeSimulator.DEFAULT_WEBHOOK_SECRET);
        // a key of this run's own rather than the generated secret: no dependence on dynamic references being resolved here
        parameters.put("CursorSigningKey", java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
        Path template = repoRoot().resolve("template.yaml");
        deployment = LocalStackDeploy.deploy(LocalStackDeploy.Options.defaults(template)
            .with(localstack.getEndpoint(), null, parameters, Map.of()), line -> { });
        httpApiUrl = deployment.hybrid() ? null : executeApiUrl("http", deployment.resources().get("HttpApi"), "");
        sqs = SqsClient.builder().endpointOverride(localstack.getEndpoint()).region(Region.of(localstack.getRegion()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static synchronized LocalStackSystem get() {
        if (instance == null) {
            try {
                instance = new LocalStackSystem();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    boolean hybrid() { return deployment.hybrid(); }

    /** LocalStack's edge endpoint (every service, Lambda's Invoke API included). */
    URI endpoint() { return localstack.getEndpoint(); }

    String region() { return localstack.getRegion(); }

    String stack() { return deployment.stack(); }

    /** The issuer as the authorizer in a Lambda container reaches it (and as tokens name it). */
    private String issuer() { return "http://host.docker.internal:" + oidcRelay.port() + "/" + LocalOidcProvider.ISSUER_ID; }

    /** LocalStack serves each API on its own host name under localhost.localstack.cloud (resolves to 127.0.0.1). */
    private String executeApiUrl(String scheme, String apiId, String stagePath) {
        return scheme + "://" + apiId + ".execute-api.localhost.localstack.cloud:" + localstack.getEndpoint().getPort() + stagePath;
    }

    @Override
    public String httpApiUrl() {
        if (httpApiUrl == null) throw new IllegalStateException("hybrid deployment: the HTTP API is not in LocalStack");
        return httpApiUrl;
    }

    @Override
    public URI webSocketUrl() { return URI.create(executeApiUrl("ws", deployment.resources().get("WebSocketApi"), "/local")); }

    /** Password grant as LocalOidcProvider does it, asked under the issuer's host name so the token's iss matches. */
    @Override
    public String accessToken(String user) {
        String form = "grant_type=password&username=" + user + "&password=devstack&client_id=" + LocalOidcProvider.AUDIENCE + "&scope=openid";
        HttpRequest request = HttpRequest.newBuilder(URI.create(oidc.tokenEndpoint()))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("Host", "host.docker.internal:" + oidcRelay.port())
            .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public HttpClient http() { return http; }

    @Override
    public SqsClient sqs() { return sqs; }

    /** A queue's physical id is its URL; only the name matters to a client pointed at LocalStack's endpoint. */
    @Override
    public String queueUrl(String logicalId) {
        String physical = deployment.resources().get(logicalId);
        String name = physical.substring(physical.lastIndexOf('/') + 1);
        return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    @Override
    public void close() {
        try {
            stripe.close();
            oidc.close();
            oidcRelay.close();
            stripeRelay.close();
        } catch (Exception e) {
            System.err.println("closing the LocalStack system: " + e.getMessage());
        }
        localstack.stop();
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("template.yaml not found");
        return dir;
    }
}
