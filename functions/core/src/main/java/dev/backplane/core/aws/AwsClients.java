package dev.backplane.core.aws;

import dev.backplane.core.config.Config;
import dev.backplane.core.snapstart.Priming;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place AWS SDK clients are built: lean URLConnection HTTP client (fast cold start), region and
 * credentials from Lambda's environment, endpoints from the standard {@code AWS_ENDPOINT_URL[_SERVICE]}
 * variables (devstack, LocalStack) read through {@link Config} so tests can point them explicitly.
 */
public final class AwsClients {
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
    private final Config config;

    public AwsClients(Config config) { this.config = config; }

    public DynamoDbClient dynamoDb() {
        DynamoDbClient client = configure(DynamoDbClient.builder(), "DYNAMODB").httpClient(HTTP).build();
        // SnapStart: one request through marshalling, signing, HTTP and error unmarshalling before the checkpoint
        // (DescribeEndpoints needs no table; a denied call primes the same path)
        Priming.register("dynamodb", () -> client.describeEndpoints(r -> {}));
        return client;
    }

    /** Any other service's client (SQS, EventBridge, …) with the same HTTP client, region, credentials and endpoint. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String serviceEnvSuffix) {
        return configure(builder, serviceEnvSuffix).httpClient(HTTP).build();
    }

    /** Applies region, credentials and endpoint override to any SDK client builder (for clients of other modules). */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String serviceEnvSuffix) {
        builder.region(Region.of(config.get("AWS_REGION", "us-east-1")));
        credentials().ifPresent(builder::credentialsProvider);
        endpoint(serviceEnvSuffix).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** Lambda's own role credentials arrive as these variables; elsewhere the SDK's default chain applies. */
    private Optional<AwsCredentialsProvider> credentials() {
        Optional<String> id = config.find("AWS_ACCESS_KEY_ID");
        Optional<String> secret = config.find("AWS_SECRET_ACCESS_KEY");
        if (id.isEmpty() || secret.isEmpty()) return Optional.empty();
        Optional<String> token = config.find("AWS_SESSION_TOKEN");
        return Optional.of(StaticCredentialsProvider.create(token.isPresent()
            ? AwsSessionCredentials.create(id.get(), secret.get(), token.get())
            : AwsBasicCredentials.create(id.get(), secret.get())));
    }

    public Optional<URI> endpoint(String serviceEnvSuffix) {
        return config.find("AWS_ENDPOINT_URL_" + serviceEnvSuffix).or(() -> config.find("AWS_ENDPOINT_URL")).map(URI::create);
    }
}
