package dev.backplane.devstack.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.CapturingLog;
import dev.backplane.devstack.Devstack;
import dev.backplane.devstack.DevstackOptions;
import dev.backplane.devstack.FixtureJar;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.RunningDevstack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Hybrid mode without Docker: devstack B runs the functions and answers the Lambda Invoke API; devstack A serves
 * the same template's HTTP API and authorizer and invokes every function through B's Lambda endpoint, as it would
 * LocalStack's.
 */
class HybridModeTest {
    static RunningDevstack functionsSide;
    static Devstack apiSide;
    static final CapturingLog apiLog = new CapturingLog();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        functionsSide = new RunningDevstack("hybrid.yaml");
        apiSide = Devstack.startHybrid(DevstackOptions.defaults(FixtureJar.template("hybrid.yaml")).withPort(0).withLog(apiLog),
            new HybridOptions(URI.create(functionsSide.devstack.urls().get("Lambda")), null, Map.of()));
    }

    @AfterAll
    static void stop() {
        if (apiSide != null) apiSide.close();
        if (functionsSide != null) functionsSide.close();
    }

    static HttpResponse<String> call(String method, String path, String caller) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiSide.urls().get("HTTP API") + path)).timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.noBody());
        if (caller != null) b.header("X-Caller", caller);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anApiCallOnOneDevstackRunsTheFunctionBehindTheOthersLambdaApi() throws Exception {
        assertNull(apiSide.lambda(), "no local Lambda runtime in hybrid mode");
        HttpResponse<String> r = call("GET", "/echo?x=1", null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = Json.parse(r.body());
        assertEquals("ran-behind-the-lambda-api", body.at("/env/GLOBAL_VAR").asText());
        assertEquals("/echo", body.at("/event/rawPath").asText(), "the function got API Gateway's 2.0 event built by the API side");
        assertEquals(1, functionsSide.devstack.lambda().instances("Echo"), "the instance runs on the functions side");
        assertTrue(apiLog.matching("Echo", t -> true).isEmpty(), "no function log on the API side");
    }

    @Test
    void theAuthorizerRunsRemotelyToo() throws Exception {
        assertEquals(401, call("GET", "/guarded", null).statusCode(), "identity source missing: API Gateway answers without calling");
        HttpResponse<String> r = call("GET", "/guarded", "alice");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("fixture", Json.parse(r.body()).at("/event/requestContext/authorizer/lambda/caller").asText());
        assertEquals(1, functionsSide.devstack.lambda().instances("CallerAuthorizer"));
    }

    @Test
    void aFunctionErrorBehindTheLambdaApiIsAGatewayError() throws Exception {
        HttpResponse<String> r = call("POST", "/fail", null);
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(!r.body().contains("broken on purpose") && !r.body().contains("IllegalStateException"), "no function internals reach the client: " + r.body());
    }

    @Test
    void theLambdaApiAnswersSdkClients() {
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(URI.create(functionsSide.devstack.urls().get("Lambda")))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var ok = lambda.invoke(b -> b.functionName("Echo").payload(SdkBytes.fromUtf8String("{\"hello\":\"world\"}")));
            assertEquals(200, ok.statusCode());
            assertNull(ok.functionError());
            assertEquals("world", Json.parse(ok.payload().asByteArray()).at("/event/hello").asText());

            var failed = lambda.invoke(b -> b.functionName("Echo").payload(SdkBytes.fromUtf8String("{\"fail\":\"boom\"}")));
            assertEquals("Unhandled", failed.functionError());
            JsonNode error = Json.parse(failed.payload().asByteArray());
            assertEquals("boom", error.get("errorMessage").asText(), error.toString());

            var queued = lambda.invoke(b -> b.functionName(functionsSide.devstack.lambda().function("Echo").arn())
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"correlationId\":\"async-1\"}")));
            assertEquals(202, queued.statusCode());
            functionsSide.log.await("Echo", t -> t.contains("async-1"), 1, Duration.ofSeconds(30));

            try {
                lambda.invoke(b -> b.functionName("NoSuchFunction").payload(SdkBytes.fromUtf8String("{}")));
                throw new AssertionError("an unknown function must be ResourceNotFoundException");
            } catch (ResourceNotFoundException expected) {
                assertEquals(404, expected.statusCode());
            }
            assertTrue(lambda.listFunctions().functions().stream().anyMatch(f -> f.functionName().equals("Broken")));
        }
    }
}
