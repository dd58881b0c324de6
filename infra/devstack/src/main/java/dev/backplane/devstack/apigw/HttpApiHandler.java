// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.Map;

/** Serves one HTTP API: CORS preflight, route selection, authorization, the integration call, response mapping. */
final class HttpApiHandler {
    private final HttpApi api;
    private final FunctionCall calls;
    private final String accountId;
    private final String region;

    HttpApiHandler(HttpApi api, FunctionCall calls, String accountId, String region) {
        this.api = api;
        this.calls = calls;
        this.accountId = accountId;
        this.region = region;
    }

    HttpApi api() { return api; }

    /** {@code routePath} is the request path without the stage prefix (equal to rawPath on the $default stage). */
    GatewayResponse handle(GatewayRequest request, String routePath) {
        String requestId = Ids.shortId();
        boolean preflight = api.cors() != null && Cors.isPreflight(request);
        GatewayResponse response = preflight ? api.cors().preflight(request) : route(request, routePath, requestId);
        if (api.cors() != null && !preflight) api.cors().decorate(request, response);
        response.headers().set("apigw-requestid", requestId);
        return response;
    }

    private GatewayResponse route(GatewayRequest request, String routePath, String requestId) {
        RouteTable.Match<HttpRoute> match = api.routes().match(request.method(), routePath);
        if (match == null) return GatewayResponse.message(404, "Not Found");
        HttpRoute route = match.route();
        HttpCallContext context = new HttpCallContext(accountId, region, api.apiId(), api.stage(), route.routeKey(), requestId,
            api.stageVariables());
        Map<String, Object> authorizer = null;
        if (route.authorizerName() != null) {
            AuthResult result = authorize(route, request, context, routePath, match.pathParameters());
            if (result instanceof AuthResult.Rejected rejected) return rejected.response();
            authorizer = ((AuthResult.Allowed) result).requestContextAuthorizer();
        }
        if (route.service() != null) return route.service().call(request, match.pathParameters(), context);
        boolean v1 = route.payloadFormatVersion().equals("1.0");
        Map<String, Object> event = v1
            ? RestEventV1.event(request, context, match.pattern() == null ? "$default" : match.pattern().path(), routePath,
                match.pathParameters(), !BodyEncoding.httpApiTreatsAsText(request.headers().first("content-type")), true, authorizer)
            : HttpEventV2.event(request, context, match.pathParameters(), authorizer);
        FunctionCall.Outcome outcome = calls.invoke(route.functionLogicalId(), Json.bytes(event), route.integrationTimeout());
        return switch (outcome) {
            case FunctionCall.Ok ok -> v1
                ? ResponseV1.map(ok.payload(), GatewayResponse.message(500, "Internal Server Error"))
                : ResponseV2.map(ok.payload());
            case FunctionCall.Failed failed -> GatewayResponse.message(500, "Internal Server Error");
            case FunctionCall.Throttled throttled -> GatewayResponse.message(503, "Service Unavailable");
            case FunctionCall.TimedOut timedOut -> GatewayResponse.message(503, "Service Unavailable");
        };
    }

    private AuthResult authorize(HttpRoute route, GatewayRequest request, HttpCallContext context, String routePath,
                                 Map<String, String> pathParameters) {
        JwtAuthorizer jwt = api.jwtAuthorizers().get(route.authorizerName());
        if (jwt != null) return jwt.authorize(request, route.authorizationScopes(), route.routeKey());
        return api.lambdaAuthorizers().get(route.authorizerName()).authorize(request, context, routePath, pathParameters, calls);
    }
}
