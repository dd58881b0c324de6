// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.identity.IdentityApi;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client_credentials token whose subject equals a user's id once acted as that user (profile, orders, sockets) and,
 * because machine tokens skipped the user record, even as a suspended one. Machine tokens of every issuer's shape
 * must be refused on user routes and sockets, and reach a service route only with its scope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MachineTokenAttackTest {
    static final String HTTP = AuthorizerAttackTest.HTTP;
    static final String WS = AuthorizerAttackTest.WS_QUERY;
    static final String SERVICE_ROUTE = "AuthorizerFunction/authorize_http-service-route.json";
    private final TestIssuer issuer = new TestIssuer();
    private final IdentityApi api = new IdentityApi(issuer.issuer(),
        Map.of("USER_STATUS_CACHE_SECONDS", "0", "OIDC_SERVICE_ROUTES", "POST /internal/sweeps=ops.sweep"));

    @AfterAll
    void stop() {
        api.close();
        issuer.close();
    }

    /** Machine tokens as each issuer mints them, all naming the victim "alice" as subject where the issuer allows. */
    Stream<Arguments> machineTokens() {
        return Stream.of(
            Arguments.of("local provider / Cognito M2M: sub = client_id", (Function<TestIssuer, String>) i -> i.rs256(c -> c
                .claim("email", null).claim("preferred_username", null).claim("client_id", "alice").claim("groups", List.of("service")), "alice")),
            Arguments.of("sub = client_id even with user-looking claims", (Function<TestIssuer, String>) i -> i.rs256(c -> c
                .claim("client_id", "alice").claim("groups", List.of("user")), "alice")),
            Arguments.of("sub = azp (Keycloak, Okta-like)", (Function<TestIssuer, String>) i -> i.rs256(c -> c.claim("azp", "alice"), "alice")),
            Arguments.of("Keycloak service account", (Function<TestIssuer, String>) i -> i.rs256(c -> c
                .claim("preferred_username", "service-account-reports").claim("email", null).claim("azp", "reports"), "alice")),
            Arguments.of("Auth0 gty client-credentials", (Function<TestIssuer, String>) i -> i.rs256(c -> c.claim("gty", "client-credentials"), "alice")),
            Arguments.of("no user claim at all", (Function<TestIssuer, String>) i -> i.rs256(c -> c
                .claim("email", null).claim("preferred_username", null).claim("groups", List.of("admin")), "alice")),
            Arguments.of("machine token with the service scope still is no user", (Function<TestIssuer, String>) i -> i.rs256(c -> c
                .claim("client_id", "alice").claim("scope", "ops.sweep"), "alice")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machineTokens")
    void refusedOnUserRoutesAndSockets(String shape, Function<TestIssuer, String> token) {
        String t = token.apply(issuer);
        assertEquals(Map.of("isAuthorized", false), api.authorize(HTTP, t), shape);
        AuthorizerAttackTest.assertDeny(api.authorize(WS, t));
        assertTrue(api.outbox("user.registered").stream().noneMatch(e -> e.at("/data/userId").asString().equals("alice")),
            "a machine token registered a user");
    }

    @Test
    void aSuspendedUsersIdInAMachineTokenGetsNothing() {
        api.authorize(HTTP, issuer.rs256("user-alice"));
        var suspend = api.call("suspendUser", "SuspendUserFunction/suspend-user_valid.json", "root", "user,admin", null);
        assertEquals(200, suspend.getStatusCode(), suspend.getBody());
        String machine = issuer.rs256(c -> c.claim("client_id", "user-alice").claim("groups", List.of("service")), "user-alice");
        assertEquals(Map.of("isAuthorized", false), api.authorize(HTTP, machine));
        assertEquals(Map.of("isAuthorized", false), api.authorize(HTTP, issuer.rs256("user-alice")));
    }

    @Test
    void serviceRouteNeedsAMachineTokenWithItsScope() {
        String withScope = issuer.rs256(c -> c.claim("client_id", "sweeper").claim("scope", "openid ops.sweep").claim("email", null)
            .claim("preferred_username", null), "sweeper");
        Map<?, ?> allowed = api.authorize(SERVICE_ROUTE, withScope);
        assertEquals(true, allowed.get("isAuthorized"));
        assertEquals(Map.of("clientId", "sweeper", "scopes", "openid ops.sweep", "principalType", "machine"), allowed.get("context"));
        String withoutScope = issuer.rs256(c -> c.claim("client_id", "sweeper").claim("scope", "ops.read"), "sweeper");
        assertEquals(Map.of("isAuthorized", false), api.authorize(SERVICE_ROUTE, withoutScope));
        // a user token is no service: service routes are for machines only
        assertEquals(Map.of("isAuthorized", false), api.authorize(SERVICE_ROUTE, issuer.rs256("alice")));
    }

    @Test
    void userTokensClaimingTheServiceRoleAreJustUsers() {
        Map<?, ?> context = (Map<?, ?>) api.authorize(HTTP, issuer.rs256(c -> c.claim("groups", List.of("service", "admin")), "sam")).get("context");
        assertEquals("admin", context.get("roles"));
    }
}
