// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds HTTP API payload format 2.0 events (and the 2.0 Lambda authorizer request) with AWS's field order. */
final class HttpEventV2 {
    static final DateTimeFormatter CLF_TIME =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpEventV2() {}

    static Map<String, Object> event(GatewayRequest r, HttpCallContext c, Map<String, String> pathParameters,
                                     Map<String, Object> authorizer) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("version", "2.0");
        putRequest(e, r, c);
        e.put("requestContext", requestContext(r, c, authorizer));
        if (r.body().length > 0) {
            boolean text = BodyEncoding.httpApiTreatsAsText(r.headers().first("content-type"));
            e.put("body", text ? BodyEncoding.text(r.body()) : BodyEncoding.base64(r.body()));
            if (!pathParameters.isEmpty()) e.put("pathParameters", pathParameters);
            e.put("isBase64Encoded", !text);
        } else {
            if (!pathParameters.isEmpty()) e.put("pathParameters", pathParameters);
            e.put("isBase64Encoded", false);
        }
        if (!c.stageVariables().isEmpty()) e.put("stageVariables", c.stageVariables());
        return e;
    }

    /** routeKey … queryStringParameters, shared by the invocation and the authorizer event, in AWS's order. */
    private static void putRequest(Map<String, Object> e, GatewayRequest r, HttpCallContext c) {
        e.put("routeKey", c.routeKey());
        e.put("rawPath", r.rawPath());
        e.put("rawQueryString", r.rawQuery());
        List<String> cookies = r.cookies();
        if (!cookies.isEmpty()) e.put("cookies", cookies);
        e.put("headers", headers(r, c));
        Map<String, String> query = query(r);
        if (!query.isEmpty()) e.put("queryStringParameters", query);
    }

    /** The REQUEST authorizer event for payload format 2.0. */
    static Map<String, Object> authorizerEvent(GatewayRequest r, HttpCallContext c, Map<String, String> pathParameters,
                                               List<String> identitySource, String routeArn) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("version", "2.0");
        e.put("type", "REQUEST");
        e.put("routeArn", routeArn);
        e.put("identitySource", identitySource);
        putRequest(e, r, c);
        e.put("requestContext", requestContext(r, c, null));
        if (!pathParameters.isEmpty()) e.put("pathParameters", pathParameters);
        if (!c.stageVariables().isEmpty()) e.put("stageVariables", c.stageVariables());
        return e;
    }

    /** Lower-cased, comma-joined, without Cookie (moved to cookies) and with the headers API Gateway adds. */
    static Map<String, String> headers(GatewayRequest r, HttpCallContext c) {
        Map<String, String> h = r.headers().lowerCaseCommaJoined();
        h.remove("cookie");
        h.remove("connection");
        h.remove("keep-alive");
        h.merge("x-forwarded-for", r.sourceIp(), (a, b) -> a + ", " + b);
        h.putIfAbsent("x-forwarded-port", port(r.host()));
        h.putIfAbsent("x-forwarded-proto", "http");
        h.putIfAbsent("x-amzn-trace-id", Ids.traceId(r.receivedAtMillis()));
        return h;
    }

    static Map<String, String> query(GatewayRequest r) {
        Map<String, String> q = new LinkedHashMap<>();
        r.queryParameters().forEach((k, v) -> q.put(k, String.join(",", v)));
        return q;
    }

    private static Map<String, Object> requestContext(GatewayRequest r, HttpCallContext c, Map<String, Object> authorizer) {
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("accountId", c.accountId());
        rc.put("apiId", c.apiId());
        if (authorizer != null) rc.put("authorizer", authorizer);
        String host = r.host();
        rc.put("domainName", host);
        rc.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", r.method());
        http.put("path", r.rawPath());
        http.put("protocol", r.protocol());
        http.put("sourceIp", r.sourceIp());
        String ua = r.headers().first("user-agent");
        http.put("userAgent", ua == null ? "" : ua);
        rc.put("http", http);
        rc.put("requestId", c.requestId());
        rc.put("routeKey", c.routeKey());
        rc.put("stage", c.stage());
        rc.put("time", CLF_TIME.format(Instant.ofEpochMilli(r.receivedAtMillis())));
        rc.put("timeEpoch", r.receivedAtMillis());
        return rc;
    }

    private static String port(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(colon + 1) : "80";
    }
}
