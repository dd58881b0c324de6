// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two answers API Gateway understands. The context is what {@code CallerResolver} reads from
 * {@code requestContext.authorizer.lambda}: userId, email (when known), roles comma-joined (values must be scalars).
 */
final class AuthorizerResponses {
    private AuthorizerResponses() {}

    /** HTTP API payload 2.0 with EnableSimpleResponses. */
    static Map<String, Object> simple(Decision decision) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("isAuthorized", !(decision instanceof Decision.Deny));
        context(decision).ifPresent(context -> response.put("context", context));
        return response;
    }

    /** WebSocket $connect (and REST): an IAM policy on exactly the invoked method ARN. */
    static Map<String, Object> policy(Decision decision, String methodArn) {
        boolean allowed = !(decision instanceof Decision.Deny);
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Action", "execute-api:Invoke");
        statement.put("Effect", allowed ? "Allow" : "Deny");
        statement.put("Resource", methodArn);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", List.of(statement));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("principalId", switch (decision) {
            case Decision.Allow allow -> allow.userId();
            case Decision.AllowClient client -> "client:" + client.clientId();
            case Decision.Deny deny -> "anonymous";
        });
        response.put("policyDocument", document);
        context(decision).ifPresent(context -> response.put("context", context));
        return response;
    }

    private static java.util.Optional<Map<String, Object>> context(Decision decision) {
        Map<String, Object> context = new LinkedHashMap<>();
        switch (decision) {
            case Decision.Allow allow -> {
                context.put("userId", allow.userId());
                if (allow.email() != null) context.put("email", allow.email());
                context.put("roles", String.join(",", allow.roles()));
            }
            case Decision.AllowClient client -> {
                // no userId on purpose: CallerResolver finds no user, so user handlers answer 401
                context.put("clientId", client.clientId());
                context.put("scopes", String.join(" ", client.scopes()));
                context.put("principalType", "machine");
            }
            case Decision.Deny deny -> { return java.util.Optional.empty(); }
        }
        return java.util.Optional.of(context);
    }
}
