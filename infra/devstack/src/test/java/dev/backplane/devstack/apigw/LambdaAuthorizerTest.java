// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import static dev.backplane.devstack.apigw.Fixtures.json;
import static dev.backplane.devstack.apigw.Fixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.lambda.Invoker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP API Lambda REQUEST authorizers (payload 2.0): simple and IAM responses, context, caching, failures. */
class LambdaAuthorizerTest {
    static InProcessFunctions functions = new InProcessFunctions();
    static ApiGatewayEmulator gateway;

    @BeforeAll
    static void start() {
        functions.on("SimpleAuthFn", event -> {
            String key = event.at("/headers/x-api-key").asText();
            if (key.equals("explode")) throw new Invoker.FunctionError("Error", "authorizer crashed");
            if (key.equals("throttle")) throw new Invoker.FunctionError("TooManyRequestsException", "Rate exceeded");
            return Map.of("isAuthorized", key.startsWith("good"), "context", Map.of("userId", "u-" + key, "tier", 3));
        });
        functions.on("PolicyAuthFn", event -> {
            String token = event.at("/queryStringParameters/token").asText();
            String resource = token.equals("all") ? event.get("routeArn").asText().replaceAll("/GET/.*", "/*") : "arn:aws:execute-api:*:*:*/dev/GET/policy/1";
            return Map.of("principalId", "p-" + token, "context", Map.of("who", token),
                "policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                    Map.of("Action", "execute-api:Invoke", "Effect", token.equals("deny") ? "Deny" : "Allow", "Resource", resource))));
        });
        gateway = Fixtures.start("http-lambda-authorizer.yaml", functions, Map.of());
    }

    @AfterAll
    static void stop() { gateway.close(); }

    static HttpResponse<String> call(String path, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.httpApiUrl() + path));
        if (apiKey != null) b.header("X-Api-Key", apiKey);
        return send(b);
    }

    @Test
    void simpleResponseContextReachesTheFunctionAndResultsAreCached() {
        assertTrue(gateway.httpApiUrl().endsWith("/dev"));
        int before = functions.callsTo("SimpleAuthFn").size();
        HttpResponse<String> r = call("/simple", "good-1");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode e = json(r);
        assertEquals("/dev/simple", e.get("rawPath").asText()); // named stages stay in rawPath, as on AWS
        assertEquals("GET /simple", e.get("routeKey").asText());
        assertEquals("u-good-1", e.at("/requestContext/authorizer/lambda/userId").asText());
        assertEquals(3, e.at("/requestContext/authorizer/lambda/tier").asInt());
        assertEquals(200, call("/simple", "good-1").statusCode());
        assertEquals(before + 1, functions.callsTo("SimpleAuthFn").size(), "second call must be served from the authorizer cache");
        JsonNode authEvent = functions.callsTo("SimpleAuthFn").getLast().event();
        assertEquals("2.0", authEvent.get("version").asText());
        assertEquals("REQUEST", authEvent.get("type").asText());
        assertEquals("[\"good-1\"]", authEvent.get("identitySource").toString());
        assertEquals("arn:aws:execute-api:us-east-1:123456789012:" + Ids.apiId("Api") + "/dev/GET/simple", authEvent.get("routeArn").asText());
    }

    @Test
    void deniedMissingAndFailingAuthorizersAnswerLikeAws() {
        assertEquals(403, call("/simple", "bad").statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", call("/simple", "bad").body());
        int before = functions.callsTo("SimpleAuthFn").size();
        HttpResponse<String> missing = call("/simple", null);
        assertEquals(401, missing.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", missing.body());
        assertEquals(before, functions.callsTo("SimpleAuthFn").size(), "no identity source: the authorizer is not called");
        HttpResponse<String> crashed = call("/simple", "explode");
        assertEquals(500, crashed.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", crashed.body());
    }

    /** A burst of connections once got 500s from authorizers that were throttled or too slow: load is a retryable 429. */
    @Test
    void aThrottledAuthorizerIsA429WithRetryAfterNotA500() {
        HttpResponse<String> busy = call("/simple", "throttle");
        assertEquals(429, busy.statusCode(), busy.body());
        assertEquals("1", busy.headers().firstValue("retry-after").orElse(null));
    }

    @Test
    void iamPolicyResponsesAreEvaluatedPerRoute() {
        HttpResponse<String> allowed = call("/policy/1?token=one", null);
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("one", json(allowed).at("/requestContext/authorizer/lambda/who").asText());
        assertEquals(403, call("/policy/2?token=one", null).statusCode()); // policy names only /policy/1
        assertEquals(200, call("/policy/2?token=all", null).statusCode());
        assertEquals(403, call("/policy/1?token=deny", null).statusCode());
        assertEquals(401, call("/policy/1", null).statusCode());
    }
}
