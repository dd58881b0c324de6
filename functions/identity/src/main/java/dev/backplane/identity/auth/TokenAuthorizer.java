// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.Trace;
import dev.backplane.identity.domain.Identity;
import dev.backplane.identity.domain.Roles;
import dev.backplane.identity.domain.User;

/**
 * Token in, decision out, independent of the gateway's event shape: verify the token, then consult the user record
 * (registering the user on first sight; suspended users are denied; admin-assigned roles replace the token's).
 * Machine clients (role {@code service} only) have no user record.
 */
public final class TokenAuthorizer {
    private final AccessTokenVerifier verifier;
    private final KnownUsers users;

    TokenAuthorizer(AccessTokenVerifier verifier, KnownUsers users) {
        this.verifier = verifier;
        this.users = users;
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

    public Decision authorize(String token, String correlationId, String requestId) {
        Identity identity;
        try {
            identity = verifier.verify(token);
        } catch (TokenRejectedException e) {
            return new Decision.Deny(e.getMessage());
        }
        if (Roles.onlyService(identity.roles())) return new Decision.Allow(identity.userId(), null, identity.roles());
        User user = users.lookup(identity, new Trace(correlationId, requestId, new Actor(identity.userId(), identity.roles())));
        if (user.isSuspended()) return new Decision.Deny("user " + user.id() + " is suspended");
        return new Decision.Allow(user.id(), identity.email() != null ? identity.email() : user.email(), user.effectiveRoles(identity.roles()));
    }
}
