// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket API: the handshake runs the $connect authorizer and route (a rejection or non-2xx answer refuses the
 * upgrade), each message is routed by the selection expression, and $disconnect runs after the socket closes.
 */
final class WebSocketGateway implements WebSocketCreator {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketGateway.class);
    private static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(29);

    private final WebSocketApi api;
    private final FunctionCall calls;
    private final ConnectionRegistry registry;
    private final String accountId;
    private final String region;
    // Messages are handled off the socket's read thread: API Gateway invokes for each message independently.
    private final ExecutorService messages = Executors.newVirtualThreadPerTaskExecutor();

    WebSocketGateway(WebSocketApi api, FunctionCall calls, ConnectionRegistry registry, String accountId, String region) {
        this.api = api;
        this.calls = calls;
        this.registry = registry;
        this.accountId = accountId;
        this.region = region;
    }

    WebSocketApi api() { return api; }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, org.eclipse.jetty.util.Callback callback) {
        GatewayRequest r = JettyExchange.headersOnly(request);
        String requestId = Ids.shortId();
        Connection pending = new Connection(Ids.shortId(), api, r.receivedAtMillis(), r.sourceIp(), r.headers().first("user-agent"), null, r.host());
        WebSocketApi.Route connect = api.routes().get("$connect");
        Map<String, Object> authorizer = null;
        if (connect != null && connect.authorizer() != null) {
            AuthResult result = authorize(connect.authorizer(), r, pending, requestId);
            if (result instanceof AuthResult.Rejected rejected) return refuse(response, callback, rejected.response());
            authorizer = ((AuthResult.Allowed) result).requestContextAuthorizer();
        }
        Connection connection = new Connection(pending.id, api, pending.connectedAtMillis, pending.sourceIp, pending.userAgent, authorizer, pending.host);
        if (connect != null && connect.functionLogicalId() != null) {
            FunctionCall.Outcome outcome = calls.invoke(connect.functionLogicalId(), Json.bytes(WebSocketEvents.connect(r, connection, requestId)), INTEGRATION_TIMEOUT);
            if (!(outcome instanceof FunctionCall.Ok ok)) return refuse(response, callback, GatewayResponse.message(500, "Internal server error"));
            JsonNode answer = Json.parseOrNull(ok.payload());
            int status = answer != null && answer.isObject() && answer.has("statusCode") ? answer.get("statusCode").asInt(200) : 200;
            if (status < 200 || status > 299) return refuse(response, callback, GatewayResponse.empty(status));
            String protocol = answer == null ? null : header(answer.get("headers"), "Sec-WebSocket-Protocol");
            if (protocol != null) response.setAcceptedSubProtocol(protocol);
        }
        return new WebSocketEndpoint(this, registry, connection);
    }

    private AuthResult authorize(WebSocketApi.Authorizer a, GatewayRequest r, Connection pending, String requestId) {
        if (!IdentitySources.allPresent(a.identitySources(), r)) {
            LOG.warn("WebSocket authorizer {} rejected $connect: identity source missing", a.logicalId());
            return AuthResult.unauthorized();
        }
        String methodArn = "arn:aws:execute-api:" + region + ":" + accountId + ":" + api.apiId() + "/" + api.stage() + "/$connect";
        long started = System.currentTimeMillis();
        FunctionCall.Outcome outcome = calls.invoke(a.functionLogicalId(), Json.bytes(WebSocketEvents.authorizer(r, pending, methodArn, requestId)),
            Duration.ofSeconds(10));
        JsonNode policy = outcome instanceof FunctionCall.Ok ok ? Json.parseOrNull(ok.payload()) : null;
        if (policy == null || !policy.isObject()) {
            LOG.warn("WebSocket authorizer {} failed: {}", a.logicalId(), outcome);
            return AuthResult.failed(outcome);
        }
        if (!IamPolicy.allows(policy.get("policyDocument"), methodArn)) return AuthResult.forbidden();
        Map<String, Object> context = new LinkedHashMap<>();
        if (policy.hasNonNull("principalId")) context.put("principalId", policy.get("principalId").asText());
        context.put("integrationLatency", System.currentTimeMillis() - started);
        JsonNode ctx = policy.get("context");
        if (ctx != null && ctx.isObject()) ctx.fields().forEachRemaining(f -> context.put(f.getKey(), Json.MAPPER.convertValue(f.getValue(), Object.class)));
        return new AuthResult.Allowed(context);
    }

    private static Object refuse(ServerUpgradeResponse response, org.eclipse.jetty.util.Callback callback, GatewayResponse answer) {
        response.setStatus(answer.status());
        answer.headers().fields().forEach(f -> response.getHeaders().put(f.name(), f.value()));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return null;
    }

    private static String header(JsonNode headers, String name) {
        if (headers == null || !headers.isObject()) return null;
        for (var it = headers.fields(); it.hasNext(); ) {
            var f = it.next();
            if (f.getKey().equalsIgnoreCase(name)) return f.getValue().asText();
        }
        return null;
    }

    /** Route key for a message: the selection expression's value if a route has that key, else $default. */
    String routeKey(String body) {
        JsonNode node = Json.parseOrNull(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (node != null) {
            for (String part : api.routeSelectionExpression().substring("$request.body.".length()).split("\\.")) node = node.path(part);
            if (node.isValueNode() && api.routes().containsKey(node.asText())) return node.asText();
        }
        return "$default";
    }

    void onMessage(Connection c, String body, boolean base64) {
        long receivedAt = System.currentTimeMillis();
        c.touch();
        messages.execute(() -> {
            String requestId = Ids.shortId();
            WebSocketApi.Route route = api.routes().get(base64 ? "$default" : routeKey(body));
            if (route != null && route.sqs() != null) {
                if (!route.sqs().send(body, c.id, requestId, route.routeKey())) reply(c, error("Internal server error", c, requestId));
                return;
            }
            if (route == null || route.functionLogicalId() == null) {
                reply(c, error("Forbidden", c, requestId));
                return;
            }
            byte[] event = Json.bytes(WebSocketEvents.message(c, route.routeKey(), body, base64, Ids.shortId(), requestId, receivedAt));
            FunctionCall.Outcome outcome = calls.invoke(route.functionLogicalId(), event, INTEGRATION_TIMEOUT);
            if (!(outcome instanceof FunctionCall.Ok ok)) {
                reply(c, error("Internal server error", c, requestId));
            } else if (route.twoWay()) {
                JsonNode answer = Json.parseOrNull(ok.payload());
                byte[] data = answer != null && answer.isObject() && answer.has("statusCode") ? ResponseV2.body(answer) : ok.payload();
                if (data.length > 0) reply(c, data);
            }
        });
    }

    void onClose(Connection c, int statusCode, String reason) {
        registry.remove(c);
        WebSocketApi.Route route = api.routes().get("$disconnect");
        if (route == null || route.functionLogicalId() == null) return;
        byte[] event = Json.bytes(WebSocketEvents.disconnect(c, statusCode, reason, Ids.shortId()));
        messages.execute(() -> calls.invoke(route.functionLogicalId(), event, INTEGRATION_TIMEOUT)); // best effort, as in AWS
    }

    private static byte[] error(String message, Connection c, String requestId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", message);
        m.put("connectionId", c.id);
        m.put("requestId", requestId);
        return Json.bytes(m);
    }

    private static void reply(Connection c, byte[] data) {
        try {
            c.send(data);
        } catch (Exception e) {
            LOG.debug("could not reply on connection {}: {}", c.id, e.toString());
        }
    }

    void close() { messages.shutdownNow(); }
}
