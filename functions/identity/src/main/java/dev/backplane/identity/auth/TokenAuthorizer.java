// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.Trace;
import dev.backplane.identity.domain.Identity;
import dev.backplane.identity.domain.User;

/**
 * Token in, decision out, independent of the gateway's event shape. A user token is checked against the user record
 * (registered on first sight; suspended users are denied; admin-assigned roles replace the token's). A machine token
 * (client_credentials, see {@link TokenKind}) is never a user: it is allowed only on a configured service route whose
 * scope it carries, and denied everywhere else — on every user route and on WebSocket {@code $connect}.
 */
public final class TokenAuthorizer {
    private final AccessTokenVerifier verifier;
    private final KnownUsers users;
    private final ServiceRoutes serviceRoutes;

    TokenAuthorizer(AccessTokenVerifier verifier, KnownUsers users, ServiceRoutes serviceRoutes) {
        this.verifier = verifier;
        this.users = users;
        this.serviceRoutes = serviceRoutes;
    }

    /**
     * Does at init what the first call would otherwise pay for (issuer discovery, JWKS, TLS and SDK warm-up), so a cold
     * authorizer stays well inside API Gateway's 10 s authorizer timeout. {@code warmStore} touches the user table.
     */
    public void prime(Runnable warmStore) {
        verifier.prime();
        try {
            warmStore.run();
        } catch (RuntimeException e) {
            // the table may be unreachable during init; the first call will tell
        }
    }

    /** {@code routeKey}: the HTTP route ("GET /orders"), or null for WebSocket {@code $connect}. */
    public Decision authorize(String token, String routeKey, String correlationId, String requestId) {
        VerifiedToken verified;
        try {
            verified = verifier.verify(token);
        } catch (TokenRejectedException e) {
            return new Decision.Deny(e.getMessage());
        }
        return switch (verified) {
            case VerifiedToken.Machine machine -> machine(machine, routeKey);
            case VerifiedToken.User user -> serviceRoutes.requiredScope(routeKey).isPresent()
                ? new Decision.Deny("user token on service route " + routeKey)
                : user(user.identity(), correlationId, requestId);
        };
    }

    private Decision machine(VerifiedToken.Machine machine, String routeKey) {
        return serviceRoutes.requiredScope(routeKey)
            .map(scope -> machine.scopes().contains(scope)
                ? (Decision) new Decision.AllowClient(machine.clientId(), machine.scopes())
                : new Decision.Deny("machine client " + machine.clientId() + " lacks scope " + scope + " for " + routeKey))
            .orElseGet(() -> new Decision.Deny("machine client " + machine.clientId() + " on a user route " + routeKey));
    }

    private Decision user(Identity identity, String correlationId, String requestId) {
        User user = users.lookup(identity, new Trace(correlationId, requestId, new Actor(identity.userId(), identity.roles())));
        if (user.isSuspended()) return new Decision.Deny("user " + user.id() + " is suspended");
        return new Decision.Allow(user.id(), identity.email() != null ? identity.email() : user.email(), user.effectiveRoles(identity.roles()));
    }
}
