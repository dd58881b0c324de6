// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP API Lambda REQUEST authorizer with payload format 2.0: simple responses {isAuthorized, context} or IAM
 * policy responses; results cached per identity-source values for the TTL; its context lands in
 * requestContext.authorizer.lambda.
 */
final class LambdaAuthorizerV2 {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaAuthorizerV2.class);
    private static final Duration AUTHORIZER_TIMEOUT = Duration.ofSeconds(10); // API Gateway's limit for authorizers

    private final String name;
    private final String functionLogicalId;
    private final List<String> identitySources;
    private final int ttlSeconds;
    private final boolean simpleResponses;
    private final AuthorizerCache cache = new AuthorizerCache();

    LambdaAuthorizerV2(String name, String functionLogicalId, List<String> identitySources, int ttlSeconds, boolean simpleResponses) {
        this.name = name;
        this.functionLogicalId = functionLogicalId;
        this.identitySources = List.copyOf(identitySources);
        this.ttlSeconds = ttlSeconds;
        this.simpleResponses = simpleResponses;
    }

    AuthResult authorize(GatewayRequest r, HttpCallContext c, String routePath, Map<String, String> pathParameters, FunctionCall calls) {
        List<String> values = new ArrayList<>();
        for (String source : identitySources) {
            String v = IdentitySources.value(source, r);
            if (v == null || v.isEmpty()) {
                LOG.warn("Lambda authorizer {} rejected {}: identity source {} missing", name, c.routeKey(), source);
                return AuthResult.unauthorized();
            }
            values.add(v);
        }
        String routeArn = c.methodArn(r.method(), routePath);
        String cacheKey = String.join("\u0000", values);
        JsonNode response = identitySources.isEmpty() ? null : cache.get(cacheKey);
        if (response == null) {
            byte[] event = Json.bytes(HttpEventV2.authorizerEvent(r, c, pathParameters, values, routeArn));
            FunctionCall.Outcome outcome = calls.invoke(functionLogicalId, event, AUTHORIZER_TIMEOUT);
            if (!(outcome instanceof FunctionCall.Ok ok) || (response = Json.parseOrNull(ok.payload())) == null || !response.isObject()) {
                LOG.warn("Lambda authorizer {} failed for {}: {}", name, c.routeKey(), outcome);
                return AuthResult.failed(outcome);
            }
            cache.put(cacheKey, response, ttlSeconds);
        }
        boolean allowed = simpleResponses
            ? response.path("isAuthorized").asBoolean(false)
            : IamPolicy.allows(response.get("policyDocument"), routeArn);
        if (!allowed) return AuthResult.forbidden();
        Map<String, Object> authorizer = new LinkedHashMap<>();
        JsonNode context = response.get("context");
        authorizer.put("lambda", context == null || context.isNull() ? Map.of() : Json.MAPPER.convertValue(context, Map.class));
        return new AuthResult.Allowed(authorizer);
    }
}
