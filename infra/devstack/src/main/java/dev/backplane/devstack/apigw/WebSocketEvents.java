// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds WebSocket API events ($connect, messages, $disconnect, the $connect authorizer) in AWS's shapes. */
final class WebSocketEvents {
    private WebSocketEvents() {}

    static Map<String, Object> connect(GatewayRequest r, Connection c, String requestId) {
        Map<String, Object> e = new LinkedHashMap<>();
        HeaderList h = connectHeaders(r);
        e.put("headers", h.singleValueLastWins());
        e.put("multiValueHeaders", h.multiValue());
        Map<String, List<String>> query = r.queryParameters();
        if (!query.isEmpty()) {
            Map<String, String> single = new LinkedHashMap<>();
            query.forEach((k, v) -> single.put(k, v.getLast()));
            e.put("queryStringParameters", single);
            e.put("multiValueQueryStringParameters", query);
        }
        e.put("requestContext", context(c, "$connect", "CONNECT", null, requestId, r.receivedAtMillis(), c.authorizer, null, null));
        e.put("isBase64Encoded", false);
        return e;
    }

    static Map<String, Object> message(Connection c, String routeKey, String body, boolean base64, String messageId,
                                       String requestId, long receivedAtMillis) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("requestContext", context(c, routeKey, "MESSAGE", messageId, requestId, receivedAtMillis, c.authorizer, null, null));
        e.put("body", body);
        e.put("isBase64Encoded", base64);
        return e;
    }

    static Map<String, Object> disconnect(Connection c, int statusCode, String reason, String requestId) {
        Map<String, Object> e = new LinkedHashMap<>();
        HeaderList h = new HeaderList().add("Host", c.host).add("x-api-key", "").add("X-Forwarded-For", "").add("x-restapi", "");
        e.put("headers", h.singleValueLastWins());
        e.put("multiValueHeaders", h.multiValue());
        e.put("requestContext", context(c, "$disconnect", "DISCONNECT", null, requestId, System.currentTimeMillis(), c.authorizer,
            statusCode, reason == null ? "" : reason));
        e.put("isBase64Encoded", false);
        return e;
    }

    /** The REQUEST authorizer event for $connect (payload 1.0 style, with methodArn). */
    static Map<String, Object> authorizer(GatewayRequest r, Connection c, String methodArn, String requestId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "REQUEST");
        e.put("methodArn", methodArn);
        HeaderList h = connectHeaders(r);
        e.put("headers", h.singleValueLastWins());
        e.put("multiValueHeaders", h.multiValue());
        Map<String, List<String>> query = r.queryParameters();
        Map<String, String> single = new LinkedHashMap<>();
        query.forEach((k, v) -> single.put(k, v.getLast()));
        e.put("queryStringParameters", single);
        e.put("multiValueQueryStringParameters", query);
        e.put("stageVariables", c.api.stageVariables());
        e.put("requestContext", context(c, "$connect", "CONNECT", null, requestId, r.receivedAtMillis(), null, null, null));
        return e;
    }

    private static HeaderList connectHeaders(GatewayRequest r) {
        HeaderList h = new HeaderList();
        r.headers().fields().forEach(f -> {
            String n = f.name().toLowerCase(java.util.Locale.ROOT);
            if (!n.equals("connection") && !n.equals("upgrade")) h.add(f.name(), f.value());
        });
        if (!h.has("X-Amzn-Trace-Id")) h.add("X-Amzn-Trace-Id", Ids.traceId(r.receivedAtMillis()));
        if (!h.has("X-Forwarded-For")) h.add("X-Forwarded-For", r.sourceIp());
        String host = r.host();
        int colon = host.lastIndexOf(':');
        if (!h.has("X-Forwarded-Port")) h.add("X-Forwarded-Port", colon > 0 ? host.substring(colon + 1) : "80");
        if (!h.has("X-Forwarded-Proto")) h.add("X-Forwarded-Proto", "http");
        return h;
    }

    private static Map<String, Object> context(Connection c, String routeKey, String eventType, String messageId, String requestId,
                                               long requestTimeMillis, Map<String, Object> authorizer, Integer disconnectCode,
                                               String disconnectReason) {
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("routeKey", routeKey);
        if (authorizer != null) rc.put("authorizer", authorizer);
        if (messageId != null) rc.put("messageId", messageId);
        if (disconnectCode != null) rc.put("disconnectStatusCode", disconnectCode);
        rc.put("eventType", eventType);
        rc.put("extendedRequestId", requestId);
        rc.put("requestTime", HttpEventV2.CLF_TIME.format(Instant.ofEpochMilli(requestTimeMillis)));
        rc.put("messageDirection", "IN");
        if (disconnectReason != null) rc.put("disconnectReason", disconnectReason);
        rc.put("stage", c.api.stage());
        rc.put("connectedAt", c.connectedAtMillis);
        rc.put("requestTimeEpoch", requestTimeMillis);
        Map<String, Object> identity = new LinkedHashMap<>();
        if (c.userAgent != null) identity.put("userAgent", c.userAgent);
        identity.put("sourceIp", c.sourceIp);
        rc.put("identity", identity);
        rc.put("requestId", requestId);
        rc.put("domainName", c.host);
        rc.put("connectionId", c.id);
        rc.put("apiId", c.api.apiId());
        return rc;
    }
}
