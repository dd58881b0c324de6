// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.observability.Observability;
import dev.backplane.identity.domain.UserService;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * The Lambda authorizer function for both the HTTP API (simple response) and WebSocket {@code $connect} (IAM policy).
 * Every failure — no token, bad token, unknown key, suspended user — is a deny, logged with its reason and never
 * with the token; gateways turn a deny into 401/403 without reaching any handler.
 */
public final class LambdaAuthorizer implements Function<Message<AuthorizerEvent>, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaAuthorizer.class);
    private final Supplier<TokenAuthorizer> authorizer;

    public LambdaAuthorizer(Supplier<TokenAuthorizer> authorizer) { this.authorizer = authorizer; }

    /** Wires the production authorizer: Nimbus verification against the configured issuer, users from the table. */
    public static TokenAuthorizer create(OidcSettings settings, UserService users, Clock clock) {
        return new TokenAuthorizer(new AccessTokenVerifier(settings), new KnownUsers(users, settings.userCacheTtl(), clock),
            ServiceRoutes.parse(settings.serviceRoutes()));
    }

    @Override
    public Map<String, Object> apply(Message<AuthorizerEvent> message) {
        return handle(message.getPayload(), message);
    }

    public Map<String, Object> handle(AuthorizerEvent event) { return handle(event, null); }

    private Map<String, Object> handle(AuthorizerEvent event, Message<?> message) {
        GatewayRequest request = new GatewayRequest(event == null ? new AuthorizerEvent() : event);
        String correlationId = request.correlationId();
        return Observability.around(message == null ? null : FunctionApp.lambdaContext(message), correlationId, () -> {
            long started = System.nanoTime();
            Decision decision = authorizer.get().authorize(request.token(), request.httpRouteKey(), correlationId, request.requestId());
            switch (decision) {
                case Decision.Deny deny -> {
                    LOG.warn("authorizer denied {}: {}", request.route(), deny.reason());
                    Observability.count("authorizer.deny", 1);
                }
                case Decision.Allow allow -> {
                    LOG.debug("authorizer allowed user {} on {}", allow.userId(), request.route());
                    Observability.count("authorizer.allow", 1);
                }
                case Decision.AllowClient client -> {
                    LOG.info("authorizer allowed machine client {} on {}", client.clientId(), request.route());
                    Observability.count("authorizer.allow_client", 1);
                }
            }
            Observability.millis("authorizer.latency", (System.nanoTime() - started) / 1e6);
            return request.wantsPolicy() ? AuthorizerResponses.policy(decision, request.methodArn()) : AuthorizerResponses.simple(decision);
        });
    }
}
