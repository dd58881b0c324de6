// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import dev.backplane.devstack.oidc.LocalOidcProvider;
import dev.backplane.devstack.oidc.RegisteredClient;
import dev.backplane.identity.IdentityApi;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Genuine tokens are allowed with the caller context handlers read; user records shape the decision. */
class AuthorizerTest {
    static final String HTTP = AuthorizerAttackTest.HTTP;
    static final String WS_QUERY = AuthorizerAttackTest.WS_QUERY;
    static final String WS_PROTOCOL = "AuthorizerFunction/authorize_websocket-subprotocol.json";
    private final TestIssuer issuer = new TestIssuer();
    /** User lookups uncached, so a suspension shows on the next call. */
    private final IdentityApi api = new IdentityApi(issuer.issuer(), Map.of("USER_STATUS_CACHE_SECONDS", "0"));

    @AfterEach
    void stop() {
        api.close();
        issuer.close();
    }

    @Test
    void validTokenIsAllowedWithCallerContextAndRegistersTheUserOnce() {
        Map<String, Object> response = api.authorize(HTTP, issuer.rs256("alice"));
        assertEquals(Map.of("isAuthorized", true, "context", Map.of("userId", "alice", "email", "alice@example.com", "roles", "user")), response);
        api.authorize(HTTP, issuer.rs256("alice"));
        var registered = api.outbox("user.registered");
        assertEquals(1, registered.size());
        assertEquals("alice", registered.getFirst().at("/data/handle").asString());
        assertEquals("backplane.identity", registered.getFirst().get("source").asString());
        assertEquals("corr-sample-0001", registered.getFirst().get("correlationId").asString());
    }

    @Test
    void es256AndCognitoStyleAccessTokensAreAllowed() {
        assertEquals(true, api.authorize(HTTP, issuer.es256(issuer.claims("erin").build())).get("isAuthorized"));
        String cognito = issuer.rs256(c -> c.audience((String) null).claim("client_id", TestIssuer.AUDIENCE).claim("token_use", "access")
            .claim("groups", null).claim("email", null).claim("cognito:groups", List.of("admin")).claim("preferred_username", null)
            .claim("cognito:username", "Carol.Ng"), "c0gn1to-sub");
        Map<?, ?> context = (Map<?, ?>) api.authorize(HTTP, cognito).get("context");
        assertEquals(Map.of("userId", "c0gn1to-sub", "roles", "admin"), context);
        assertEquals("carol_ng", api.outbox("user.registered").stream().filter(e -> e.at("/data/userId").asString().equals("c0gn1to-sub"))
            .findFirst().orElseThrow().at("/data/handle").asString());
    }

    @Test
    void clockSkewOfUpToAMinuteIsTolerated() {
        Instant now = Instant.now();
        assertEquals(true, api.authorize(HTTP, issuer.rs256(c -> c.expirationTime(Date.from(now.minusSeconds(30))), "sam")).get("isAuthorized"));
        assertEquals(true, api.authorize(HTTP, issuer.rs256(c -> c.notBeforeTime(Date.from(now.plusSeconds(30))), "sam")).get("isAuthorized"));
    }

    @Test
    void unknownGroupsMapToPlainUser() {
        Map<?, ?> context = (Map<?, ?>) api.authorize(HTTP, issuer.rs256(c -> c.claim("groups", List.of("staff", "offline_access")), "dave")).get("context");
        assertEquals("user", context.get("roles"));
    }

    @Test
    void webSocketConnectGetsAPolicyForTheMethodArnFromQueryOrSubprotocol() {
        String token = issuer.rs256("alice");
        for (String sample : List.of(WS_QUERY, WS_PROTOCOL)) {
            Map<String, Object> response = api.authorize(sample, token);
            assertEquals("alice", response.get("principalId"));
            assertEquals(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Action", "execute-api:Invoke", "Effect", "Allow",
                "Resource", "arn:aws:execute-api:eu-west-1:123456789012:ws123/dev/$connect"))), response.get("policyDocument"));
            assertEquals(Map.of("userId", "alice", "email", "alice@example.com", "roles", "user"), response.get("context"));
        }
    }

    @Test
    void suspendedUsersAreDeniedAndAssignedRolesReplaceTheTokens() {
        api.authorize(HTTP, issuer.rs256("user-alice"));
        var assign = api.call("assignRoles", "AssignRolesFunction/assign-roles_valid.json", "root", "user,admin", Map.of("roles", List.of("user", "admin")));
        assertEquals(200, assign.getStatusCode(), assign.getBody());
        assertEquals("user,admin", ((Map<?, ?>) api.authorize(HTTP, issuer.rs256("user-alice")).get("context")).get("roles"));

        var suspend = api.call("suspendUser", "SuspendUserFunction/suspend-user_valid.json", "root", "user,admin", null);
        assertEquals(200, suspend.getStatusCode(), suspend.getBody());
        assertEquals(Map.of("isAuthorized", false), api.authorize(HTTP, issuer.rs256("user-alice")));
        AuthorizerAttackTest.assertDeny(api.authorize(WS_QUERY, issuer.rs256("user-alice")));

        var reactivate = api.call("reactivateUser", "ReactivateUserFunction/reactivate-user_valid.json", "root", "user,admin", null);
        assertEquals(200, reactivate.getStatusCode(), reactivate.getBody());
        assertEquals(true, api.authorize(HTTP, issuer.rs256("user-alice")).get("isAuthorized"));
        Map<String, Object> socket = api.authorize(WS_QUERY, issuer.rs256("user-alice"));
        assertEquals("user-alice", socket.get("principalId"), "a reactivated user may open sockets again");
        assertEquals("Allow", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) socket.get("policyDocument")).get("Statement")).getFirst()).get("Effect"));
    }

    @Test
    void rotatedKeysAreFetchedOnFirstSight() throws Exception {
        try (TestIssuer rotating = new TestIssuer();
             IdentityApi fast = new IdentityApi(rotating.issuer(), Map.of("OIDC_JWKS_MIN_REFETCH_SECONDS", "0"))) {
            assertEquals(true, fast.authorize(HTTP, rotating.rs256("alice")).get("isAuthorized"));
            RSAKey next = TestIssuer.generateRsa("rsa-2");
            rotating.publish(next);
            assertEquals(true, fast.authorize(HTTP, TestIssuer.sign(next, JWSAlgorithm.RS256, rotating.claims("alice").build())).get("isAuthorized"));
            assertEquals(2, rotating.jwksFetches());
        }
    }

    @Test
    void keycloakRealmRolesWithAConfiguredClaimPath() {
        try (IdentityApi keycloak = new IdentityApi(issuer.issuer(), Map.of("OIDC_ROLES_CLAIM", "realm_access.roles"))) {
            String token = issuer.rs256(c -> c.claim("groups", List.of("admin")).claim("realm_access",
                Map.of("roles", List.of("offline_access", "admin", "default-roles-backplane"))), "kate");
            assertEquals("admin", ((Map<?, ?>) keycloak.authorize(HTTP, token).get("context")).get("roles"));
            String noRoles = issuer.rs256(c -> c.claim("groups", List.of("admin")), "ken");
            assertEquals("user", ((Map<?, ?>) keycloak.authorize(HTTP, noRoles).get("context")).get("roles"));
        }
    }

    @Test
    void tokensOfTheLocalOidcProviderVerify() {
        try (LocalOidcProvider oidc = LocalOidcProvider.start(0, List.of(new RegisteredClient("billing-worker", "worker-secret", List.of("ops.read"))));
             IdentityApi local = new IdentityApi(oidc.issuer(), Map.of("OIDC_SERVICE_ROUTES", "POST /internal/sweeps=ops.read"))) {
            Map<?, ?> admin = (Map<?, ?>) local.authorize(HTTP, oidc.accessToken("admin")).get("context");
            assertEquals(Map.of("userId", "admin", "email", "admin@example.com", "roles", "admin"), admin);
            Map<?, ?> service = (Map<?, ?>) local.authorize(MachineTokenAttackTest.SERVICE_ROUTE, oidc.clientCredentialsToken("billing-worker", "worker-secret")).get("context");
            assertEquals(Map.of("clientId", "billing-worker", "scopes", "ops.read", "principalType", "machine"), service);
            assertNull(service.get("userId"));
            assertEquals(1, local.outbox("user.registered").size()); // machine clients get no user record
        }
    }
}
