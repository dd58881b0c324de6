// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.devstack.apigw.ApiGatewayEmulator;
import dev.backplane.devstack.lambda.Invoker;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.realtime.RealtimeFunctions;
import dev.backplane.realtime.domain.ConnectionSweeper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The realtime slice running locally for real: fresh copies of the template's ConnectionsTable and AppTable on
 * DynamoDB Local, devstack's API Gateway emulation serving the template's own WebSocket API (routes, authorizer
 * identity source, stage), and our function beans invoked in-process with Lambda's serializers. The push consumer
 * posts to the emulator's real @connections endpoint.
 *
 * <p>The $connect authorizer is identity's AuthorizerFunction; here a stand-in answers with the same shape (IAM
 * policy + context {userId, email, roles}) for tokens registered with {@link #token}.
 */
public final class RealtimeStack implements AutoCloseable {
    public static final String AUTHORIZER = "AuthorizerFunction";
    private final Map<String, String> env = new HashMap<>(); // read lazily by the functions: filled after the emulator starts
    private final FunctionHarness functions;
    private final ApiGatewayEmulator gateway;
    private final Map<String, String> beanByFunction = new HashMap<>();
    private final Map<String, Map<String, String>> users = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    public final String connectionsTable;
    public final String appTable;

    public RealtimeStack() { this(Map.of()); }

    /** With extra function environment (e.g. PUSH_PARALLELISM for benchmarks). */
    public RealtimeStack(Map<String, String> extraEnvironment) {
        connectionsTable = LocalDynamo.newTable("ConnectionsTable");
        appTable = LocalDynamo.newAppTable();
        env.putAll(LocalDynamo.environment(appTable));
        env.put("CONNECTIONS_TABLE", connectionsTable);
        env.put("OWNER_WAIT_MILLIS", "1000"); // a subscribe to an unknown order is refused after this long
        env.putAll(extraEnvironment);
        functions = new FunctionHarness(new RealtimeFunctions(dev.backplane.core.config.Config.of(env)));
        Template template = webSocketSlice(LocalDynamo.template());
        Intrinsics intrinsics = new Intrinsics(template, Map.of(), "us-east-1", "123456789012", "http://localhost:9324");
        gateway = ApiGatewayEmulator.start(template, intrinsics, this::invoke, 0);
        env.putIfAbsent("WEBSOCKET_MANAGEMENT_ENDPOINT", gateway.managementEndpoint()); // unless a test points it elsewhere
    }

    /**
     * The template's WebSocket API resources and the functions they integrate, nothing else: the HTTP API's JWT
     * authorizer would need an OIDC issuer this test does not run. AuthorizerFunction is added as a bare function
     * while identity's definition is not in the template yet.
     */
    private Template webSocketSlice(Template full) {
        Map<String, Resource> slice = new LinkedHashMap<>();
        full.resources().forEach((id, r) -> {
            if (r.type().startsWith("AWS::ApiGatewayV2::")) slice.put(id, r);
        });
        for (String id : List.of("WsConnectFunction", "WsDisconnectFunction", "WsMessageFunction")) {
            Resource function = full.resource(id);
            slice.put(id, function);
            beanByFunction.put(id, definitionOf(function));
        }
        slice.put(AUTHORIZER, full.resources().getOrDefault(AUTHORIZER, new Resource(AUTHORIZER, "AWS::Serverless::Function", Map.of())));
        Map<String, String> sliceConditions = new LinkedHashMap<>(full.resourceConditions());
        sliceConditions.keySet().retainAll(slice.keySet());
        return new Template(full.file(), slice, full.parameters(), full.conditions(), sliceConditions);
    }

    @SuppressWarnings("unchecked")
    private static String definitionOf(Resource function) {
        Map<String, Object> variables = (Map<String, Object>) function.map("Environment").get("Variables");
        return String.valueOf(variables.get("SPRING_CLOUD_FUNCTION_DEFINITION"));
    }

    private byte[] invoke(String functionLogicalId, byte[] event) throws Invoker.FunctionError {
        String json = new String(event, StandardCharsets.UTF_8);
        try {
            Object result = functionLogicalId.equals(AUTHORIZER) ? authorize(Json.tree(json))
                : functions.invoke(beanByFunction.get(functionLogicalId), APIGatewayV2WebSocketEvent.class, json);
            return Json.write(result).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new Invoker.FunctionError(e.getClass().getName(), String.valueOf(e.getMessage()));
        }
    }

    /** Stand-in for identity's authorizer: Allow with context for a known token, Deny otherwise (as a REQUEST authorizer answers). */
    private Object authorize(JsonNode event) {
        String token = event.path("queryStringParameters").path("token").asString("");
        Map<String, String> context = users.get(token);
        String methodArn = event.path("methodArn").asString();
        ObjectNode policy = Json.object().put("principalId", context == null ? "anonymous" : context.get("userId"));
        ObjectNode statement = policy.putObject("policyDocument").put("Version", "2012-10-17").putArray("Statement").addObject();
        statement.put("Action", "execute-api:Invoke").put("Effect", context == null ? "Deny" : "Allow").put("Resource", methodArn);
        if (context != null) {
            ObjectNode ctx = policy.putObject("context");
            context.forEach(ctx::put);
        }
        return policy;
    }

    /** Registers a user and returns an opaque token the stand-in authorizer accepts. */
    public String token(String userId, String roles) {
        String token = "tok-" + UUID.randomUUID();
        users.put(token, Map.of("userId", userId, "email", userId + "@example.com", "roles", roles));
        return token;
    }

    public TestSocket connect(String token) {
        return TestSocket.open(http, URI.create(gateway.webSocketUrl() + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    /** The first handshake pays the functions' cold start, which on a loaded machine can outlast the client's timeout. */
    public TestSocket connectPatiently(String token) {
        for (int attempt = 1; ; attempt++) {
            try {
                return connect(token);
            } catch (java.util.concurrent.CompletionException e) {
                if (!(e.getCause() instanceof java.net.http.HttpTimeoutException) || attempt == 5) throw e;
            }
        }
    }

    public URI webSocketUri() { return URI.create(gateway.webSocketUrl()); }

    /** The emulated @connections endpoint, for other modules' pushers. */
    public String managementEndpoint() { return gateway.managementEndpoint(); }

    public HttpClient http() { return http; }

    /** Records the order's owner in realtime's owner projection, as the push consumer does on {@code order.placed}. */
    public void order(String orderId, String ownerId) {
        new dev.backplane.realtime.store.DynamoTopicOwners(LocalDynamo.client(), connectionsTable)
            .record(dev.backplane.realtime.domain.Topic.order(orderId), ownerId);
    }

    /** Records the conversation's owner, as the push consumer does on {@code chat.conversation_started}. */
    public void conversation(String conversationId, String ownerId) {
        new dev.backplane.realtime.store.DynamoTopicOwners(LocalDynamo.client(), connectionsTable)
            .record(dev.backplane.realtime.domain.Topic.conversation(conversationId), ownerId);
    }

    /** Delivers events to the push consumer as one SQS batch of EventBridge-wrapped envelopes. */
    public SQSBatchResponse push(List<EventEnvelope> events) {
        return functions.invoke("pushEvents", SQSEvent.class, sqsEvent(events));
    }

    public ConnectionSweeper.Result sweep() {
        return functions.invoke("sweepConnections", ScheduledEvent.class,
            FunctionHarness.event("ConnectionSweeperFunction/sweep_scheduled.json"));
    }

    /** The function beans, for invoking them directly with sample events. */
    public FunctionHarness functions() { return functions; }

    public static String sqsEvent(List<EventEnvelope> events) {
        ObjectNode root = Json.object();
        ArrayNode records = root.putArray("Records");
        for (EventEnvelope e : events) {
            ObjectNode bridge = Json.object().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", e.type()).put("source", e.source()).put("account", "123456789012")
                .put("time", e.occurredAt().toString()).put("region", "us-east-1");
            bridge.putArray("resources");
            bridge.set("detail", Json.toTree(e));
            ObjectNode r = records.addObject().put("messageId", UUID.randomUUID().toString()).put("receiptHandle", "rh-" + e.id())
                .put("body", Json.write(bridge)).put("md5OfBody", "0".repeat(32)).put("eventSource", "aws:sqs")
                .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:RealtimePushQueue").put("awsRegion", "us-east-1");
            r.putObject("attributes").put("ApproximateReceiveCount", "1");
            r.putObject("messageAttributes");
        }
        return Json.write(root);
    }

    @Override
    public void close() {
        gateway.close();
        functions.close();
    }
}
