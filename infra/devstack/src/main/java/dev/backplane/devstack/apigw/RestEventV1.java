// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds payload format 1.0 events (the APIGatewayProxyRequestEvent shape REST APIs send, and HTTP API routes with
 * PayloadFormatVersion 1.0). Absent collections are JSON null, as in AWS's 1.0 events.
 */
final class RestEventV1 {
    private RestEventV1() {}

    /**
     * @param resource   the matched resource path, e.g. /orders/{id}
     * @param path       the request path without the stage prefix
     * @param httpApi    true for HTTP API 1.0 events (adds "version": "1.0")
     */
    static Map<String, Object> event(GatewayRequest r, HttpCallContext c, String resource, String path,
                                     Map<String, String> pathParameters, boolean base64, boolean httpApi,
                                     Map<String, Object> authorizer) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (httpApi) e.put("version", "1.0");
        e.put("resource", resource);
        e.put("path", path);
        e.put("httpMethod", r.method());
        HeaderList headers = withGatewayHeaders(r);
        e.put("headers", headers.fields().isEmpty() ? null : headers.singleValueLastWins());
        e.put("multiValueHeaders", headers.fields().isEmpty() ? null : headers.multiValue());
        Map<String, List<String>> query = r.queryParameters();
        Map<String, String> single = new LinkedHashMap<>();
        query.forEach((k, v) -> single.put(k, v.getLast()));
        e.put("queryStringParameters", query.isEmpty() ? null : single);
        e.put("multiValueQueryStringParameters", query.isEmpty() ? null : query);
        e.put("pathParameters", pathParameters.isEmpty() ? null : pathParameters);
        e.put("stageVariables", c.stageVariables().isEmpty() ? null : c.stageVariables());
        e.put("requestContext", requestContext(r, c, resource, path, authorizer));
        if (r.body().length == 0) e.put("body", null);
        else e.put("body", base64 ? BodyEncoding.base64(r.body()) : BodyEncoding.text(r.body()));
        e.put("isBase64Encoded", r.body().length > 0 && base64);
        return e;
    }

    private static HeaderList withGatewayHeaders(GatewayRequest r) {
        HeaderList h = new HeaderList();
        r.headers().fields().forEach(f -> {
            String n = f.name().toLowerCase(java.util.Locale.ROOT);
            if (!n.equals("connection") && !n.equals("keep-alive")) h.add(f.name(), f.value());
        });
        if (!h.has("X-Forwarded-For")) h.add("X-Forwarded-For", r.sourceIp());
        if (!h.has("X-Forwarded-Proto")) h.add("X-Forwarded-Proto", "http");
        if (!h.has("X-Amzn-Trace-Id")) h.add("X-Amzn-Trace-Id", Ids.traceId(r.receivedAtMillis()));
        return h;
    }

    static Map<String, Object> requestContext(GatewayRequest r, HttpCallContext c, String resource, String path,
                                                      Map<String, Object> authorizer) {
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("resourceId", Ids.apiId(r.method() + " " + resource).substring(0, 6));
        rc.put("resourcePath", resource);
        rc.put("httpMethod", r.method());
        rc.put("extendedRequestId", Ids.shortId());
        rc.put("requestTime", HttpEventV2.CLF_TIME.format(Instant.ofEpochMilli(r.receivedAtMillis())));
        rc.put("path", c.stage().equals("$default") ? path : "/" + c.stage() + path);
        rc.put("accountId", c.accountId());
        rc.put("protocol", r.protocol());
        rc.put("stage", c.stage());
        String host = r.host();
        rc.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        rc.put("requestTimeEpoch", r.receivedAtMillis());
        rc.put("requestId", c.requestId());
        rc.put("identity", identity(r));
        if (authorizer != null) rc.put("authorizer", authorizer);
        rc.put("domainName", host);
        rc.put("apiId", c.apiId());
        return rc;
    }

    static Map<String, Object> identity(GatewayRequest r) {
        Map<String, Object> id = new LinkedHashMap<>();
        for (String k : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller")) id.put(k, null);
        id.put("sourceIp", r.sourceIp());
        for (String k : List.of("principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn")) id.put(k, null);
        id.put("userAgent", r.headers().first("user-agent"));
        id.put("user", null);
        return id;
    }
}
