// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The identity functions on a fresh copy of the template's table, trusting the given issuer. */
public final class IdentityApi implements AutoCloseable {
    public final String table = LocalDynamo.newAppTable();
    public final FunctionHarness functions;

    public IdentityApi(String issuer, Map<String, String> extraConfig) {
        Map<String, String> env = new LinkedHashMap<>(LocalDynamo.environment(table));
        env.put("OIDC_ISSUER", issuer);
        env.put("OIDC_AUDIENCE", "backplane-spa");
        env.putAll(extraConfig);
        functions = new FunctionHarness(new IdentityFunctions(Config.of(env)));
    }

    public IdentityApi() { this("http://127.0.0.1:1/unused", Map.of()); }

    public APIGatewayV2HTTPResponse call(String function, String sampleEvent) {
        return functions.invoke(function, APIGatewayV2HTTPEvent.class, FunctionHarness.event(sampleEvent));
    }

    /** A sample event as another caller ({@code roles} comma-joined, as the authorizer sends) and/or with another body. */
    public APIGatewayV2HTTPResponse call(String function, String sampleEvent, String userId, String roles, Object body) {
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event(sampleEvent));
        if (userId != null) {
            ObjectNode lambda = (ObjectNode) event.at("/requestContext/authorizer/lambda");
            lambda.put("userId", userId).put("email", userId + "@example.com").put("roles", roles);
        }
        if (body != null) event.put("body", body instanceof String s ? s : Json.write(body));
        ((ObjectNode) event.get("headers")).remove("idempotency-key");
        return functions.invoke(function, APIGatewayV2HTTPEvent.class, Json.write(event));
    }

    /** The listUsers sample with one query parameter replaced. */
    public APIGatewayV2HTTPResponse listWith(String sampleEvent, String param, String value) {
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event(sampleEvent));
        ((ObjectNode) event.get("queryStringParameters")).put(param, value);
        return functions.invoke("listUsers", APIGatewayV2HTTPEvent.class, Json.write(event));
    }

    /** Runs the authorizer on a sample event with {@code token} in place of the sample's placeholder (null: none). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> authorize(String sampleEvent, String token) {
        String json = FunctionHarness.event(sampleEvent);
        json = token == null ? json : json.replace("eyJhbGciOiJSUzI1NiJ9.REPLACE_WITH_ACCESS_TOKEN.sig", token);
        return functions.invoke("authorize", dev.backplane.identity.auth.AuthorizerEvent.class, json);
    }

    public static JsonNode json(APIGatewayV2HTTPResponse response) { return Json.tree(response.getBody()); }

    /** Outbox items waiting for the relay (nothing relays in these tests): what the transactions emitted. */
    public List<JsonNode> outbox() {
        return LocalDynamo.client().scan(b -> b.tableName(table).filterExpression("begins_with(pk, :p)")
            .expressionAttributeValues(Map.of(":p", Items.s("OUTBOX#")))).items().stream()
            .map(i -> Json.tree(i.get("event").s())).toList();
    }

    public List<JsonNode> outbox(String type) { return outbox().stream().filter(e -> e.get("type").asString().equals(type)).toList(); }

    @Override
    public void close() {
        functions.close();
        // DynamoDB Local counts every table's provisioned throughput against an account limit: a test JVM that kept
        // one table per test would run out of it
        LocalDynamo.client().deleteTable(b -> b.tableName(table));
    }
}
