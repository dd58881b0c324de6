// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.time.Duration;
import java.util.Map;

/**
 * Serves one REST API: Cognito authorizers, then Lambda proxy integrations (payload 1.0) or AWS service
 * integrations (SQS, EventBridge with mapping templates). Error answers are REST's, not HTTP API's: 403
 * "Missing Authentication Token" for unknown resources, 502 "Internal server error" for failed or malformed
 * function responses, 504 "Endpoint request timed out" after 29 s.
 */
final class RestApiHandler {
    private static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(29);

    private final RestApi api;
    private final FunctionCall calls;
    private final String accountId;
    private final String region;

    RestApiHandler(RestApi api, FunctionCall calls, String accountId, String region) {
        this.api = api;
        this.calls = calls;
        this.accountId = accountId;
        this.region = region;
    }

    RestApi api() { return api; }

    GatewayResponse handle(GatewayRequest request, String routePath) {
        String requestId = Ids.uuid();
        GatewayResponse response = route(request, routePath.isEmpty() ? "/" : routePath, requestId);
        response.headers().set("x-amzn-RequestId", requestId);
        response.headers().set("x-amz-apigw-id", Ids.shortId());
        response.headers().set("X-Amzn-Trace-Id", Ids.traceId(request.receivedAtMillis()));
        return response;
    }

    private GatewayResponse route(GatewayRequest request, String routePath, String requestId) {
        RouteTable.Match<String> match = api.routes().match(request.method(), routePath);
        if (api.cors() != null && Cors.isPreflight(request) && (match == null || !"OPTIONS".equals(match.method()))) {
            // SAM adds an OPTIONS mock integration to every path when Cors is set: answer it without the function
            if (match == null && api.routes().match("ANY", routePath) == null && !anyMethodMatches(routePath)) {
                return GatewayResponse.message(403, "Missing Authentication Token");
            }
            GatewayResponse preflight = api.cors().preflight(request);
            return new GatewayResponse(200, preflight.headers(), preflight.body());
        }
        RouteTable.Match<RestAwsIntegration> service = match == null ? api.services().match(request.method(), routePath) : null;
        if (match == null && service == null) return GatewayResponse.message(403, "Missing Authentication Token");
        RouteTable.Match<?> matched = match != null ? match : service;
        Map<String, Object> authorizer = null;
        RestAuth.RouteAuth guard = api.auth().of(matched.method(), matched.pattern().path());
        if (guard != null) {
            switch (api.auth().authorizers.get(guard.authorizer()).authorize(request, guard.scopes(), matched.method() + " " + matched.pattern().path())) {
                case AuthResult.Allowed allowed -> authorizer = allowed.requestContextAuthorizer();
                case AuthResult.Rejected rejected -> {
                    return rejected.response();
                }
            }
        }
        HttpCallContext context = new HttpCallContext(accountId, region, api.apiId(), api.stage(), null, requestId, api.stageVariables());
        if (service != null) {
            return service.route().call(request, service.pathParameters(),
                MappingTemplate.context(context, request, service.pattern().path(), authorizer), api.stageVariables());
        }
        boolean base64 = BodyEncoding.restApiTreatsAsBinary(request.headers().first("content-type"), api.binaryMediaTypes());
        Map<String, Object> event = RestEventV1.event(request, context, match.pattern().path(), routePath, match.pathParameters(),
            base64, false, authorizer);
        GatewayResponse malformed = GatewayResponse.message(502, "Internal server error");
        return switch (calls.invoke(match.route(), Json.bytes(event), INTEGRATION_TIMEOUT)) {
            case FunctionCall.Ok ok -> ResponseV1.map(ok.payload(), malformed);
            case FunctionCall.Failed failed -> malformed;
            case FunctionCall.Throttled throttled -> GatewayResponse.message(503, "Service Unavailable");
            case FunctionCall.TimedOut timedOut -> GatewayResponse.message(504, "Endpoint request timed out");
        };
    }

    private boolean anyMethodMatches(String routePath) {
        for (String m : new String[] {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"}) {
            if (api.routes().match(m, routePath) != null) return true;
        }
        return false;
    }
}
