// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.backplane.core.auth.Caller;
import dev.backplane.core.auth.CallerResolver;
import java.util.Map;
import java.util.Optional;

/**
 * The caller of a WebSocket route. API Gateway hands the $connect authorizer's context to $connect and to every later
 * route of that connection as flat {@code requestContext.authorizer} keys (userId, email, roles, principalId).
 * Context values are strings, so roles arrive as text ("admin,user", "[admin user]" or a JSON array).
 */
final class WebSocketCallers {
    private WebSocketCallers() {}

    static Optional<Caller> of(APIGatewayV2WebSocketEvent event) {
        var context = event.getRequestContext();
        Map<String, Object> authorizer = context == null ? null : context.getAuthorizer();
        if (authorizer == null) return Optional.empty();
        Object userId = authorizer.get("userId");
        if (userId == null || String.valueOf(userId).isBlank()) return Optional.empty();
        Object email = authorizer.get("email");
        return Optional.of(new Caller(String.valueOf(userId), email == null ? null : String.valueOf(email),
            CallerResolver.parseRoles(authorizer.get("roles"))));
    }
}
