package dev.backplane.devstack.hybrid;

import dev.backplane.devstack.Json;
import dev.backplane.devstack.lambda.Invoker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Invokes template functions through a remote Lambda Invoke API (RequestResponse), with the same event JSON the
 * local runtime would get; a function error ({@code X-Amz-Function-Error}) becomes an {@link Invoker.FunctionError}
 * carrying the error document's type and message, so the API Gateway emulation answers exactly as with local functions.
 */
public final class RemoteLambda implements Invoker, AutoCloseable {
    /** A remote cold start (LocalStack pulls an image and starts a container) can take long; the gateway has its own timeouts. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(3);
    private final LambdaClient client;
    private final String endpoint;
    private volatile Map<String, String> names = Map.of();

    public RemoteLambda(java.net.URI endpoint, String defaultRegion) {
        this.endpoint = endpoint.toString();
        String region = firstSet(System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"), defaultRegion);
        // the usual environment's credentials when set; LocalStack and devstack accept any others
        var credentials = AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(
            EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        this.client = LambdaClient.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(CALL_TIMEOUT).connectionTimeout(Duration.ofSeconds(5)))
            .overrideConfiguration(c -> c.apiCallAttemptTimeout(CALL_TIMEOUT).retryStrategy(r -> r.maxAttempts(1)))
            .build();
    }

    /** The function names the remote Lambda API lists (all pages). */
    public List<String> deployedFunctions() {
        List<String> all = new ArrayList<>();
        try {
            client.listFunctionsPaginator(b -> { }).functions().stream().map(FunctionConfiguration::functionName).forEach(all::add);
        } catch (SdkException e) {
            throw new IllegalStateException("no Lambda API at " + endpoint + " (" + e.getMessage() + "): start LocalStack and deploy"
                + " (infra/localstack/deploy), or point --lambda-endpoint at a running one", e);
        }
        return all;
    }

    /** Logical id → deployed function name (see {@link RemoteFunctionNames}). */
    public void names(Map<String, String> logicalToRemote) { this.names = Map.copyOf(logicalToRemote); }

    public Map<String, String> names() { return names; }

    @Override
    public byte[] invoke(String functionLogicalId, byte[] eventJson) throws FunctionError {
        String name = names.get(functionLogicalId);
        if (name == null) {
            throw new FunctionError("ResourceNotFoundException", functionLogicalId + " is not deployed at " + endpoint
                + " (hybrid mode: deploy the stack there, or map it with --function-name " + functionLogicalId + "=NAME)");
        }
        InvokeResponse response;
        try {
            response = client.invoke(b -> b.functionName(name).invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromByteArray(eventJson)));
        } catch (ResourceNotFoundException e) {
            throw new FunctionError("ResourceNotFoundException", name + " (" + functionLogicalId + ") is not deployed at " + endpoint);
        } catch (SdkException e) {
            throw new FunctionError("ServiceException", "invoking " + name + " at " + endpoint + " failed: " + e.getMessage());
        }
        byte[] payload = response.payload() == null ? new byte[0] : response.payload().asByteArray();
        if (response.functionError() != null) {
            var error = Json.tryParse(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            if (error == null) throw new FunctionError(response.functionError(), new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            throw new FunctionError(error.path("errorType").asText(response.functionError()), error.path("errorMessage").asText(""));
        }
        return payload;
    }

    private static String firstSet(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return "us-east-1";
    }

    @Override
    public void close() { client.close(); }
}
