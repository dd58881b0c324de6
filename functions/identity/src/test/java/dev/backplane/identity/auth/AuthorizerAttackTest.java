// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import dev.backplane.identity.IdentityApi;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every forged, stale or misdirected token is denied (HTTP simple response and WebSocket policy alike). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizerAttackTest {
    static final String HTTP = "AuthorizerFunction/authorize_http-bearer.json";
    static final String WS_QUERY = "AuthorizerFunction/authorize_websocket-query-token.json";
    private TestIssuer issuer;
    private IdentityApi api;

    @BeforeAll
    void start() {
        issuer = new TestIssuer();
        api = new IdentityApi(issuer.issuer(), Map.of());
    }

    @AfterAll
    void stop() {
        api.close();
        issuer.close();
    }

    Stream<Arguments> attacks() {
        Instant now = Instant.now();
        return Stream.of(
            Arguments.of("garbage", (Function<TestIssuer, String>) i -> "not-a-jwt"),
            Arguments.of("three garbage segments", (Function<TestIssuer, String>) i -> "aaa.bbb.ccc"),
            Arguments.of("alg none", (Function<TestIssuer, String>) i -> Forgeries.algNone(i.claims("mallory").build())),
            Arguments.of("HS256 signed with the public key", (Function<TestIssuer, String>) i ->
                Forgeries.hs256WithPublicKey(i.rsa, i.claims("mallory").build())),
            Arguments.of("wrong issuer", (Function<TestIssuer, String>) i -> i.rs256(c -> c.issuer("https://evil.example.com"), "mallory")),
            Arguments.of("issuer with trailing slash", (Function<TestIssuer, String>) i -> i.rs256(c -> c.issuer(i.issuer() + "/"), "mallory")),
            Arguments.of("wrong audience", (Function<TestIssuer, String>) i -> i.rs256(c -> c.audience("another-app"), "mallory")),
            Arguments.of("no audience nor client_id", (Function<TestIssuer, String>) i -> i.rs256(c -> c.audience((String) null), "mallory")),
            Arguments.of("Cognito ID token", (Function<TestIssuer, String>) i -> i.rs256(c -> c.claim("token_use", "id"), "mallory")),
            Arguments.of("expired beyond skew", (Function<TestIssuer, String>) i ->
                i.rs256(c -> c.expirationTime(Date.from(now.minusSeconds(120))), "mallory")),
            Arguments.of("not yet valid beyond skew", (Function<TestIssuer, String>) i ->
                i.rs256(c -> c.notBeforeTime(Date.from(now.plusSeconds(120))), "mallory")),
            Arguments.of("no exp", (Function<TestIssuer, String>) i -> i.rs256(c -> c.expirationTime(null), "mallory")),
            Arguments.of("no sub", (Function<TestIssuer, String>) i -> i.rs256(c -> c.subject(null), "mallory")),
            Arguments.of("unknown kid", (Function<TestIssuer, String>) i ->
                TestIssuer.sign(TestIssuer.generateRsa("rogue"), JWSAlgorithm.RS256, i.claims("mallory").build())),
            Arguments.of("known kid, other key", (Function<TestIssuer, String>) i ->
                TestIssuer.sign(TestIssuer.generateRsa("rsa-1"), JWSAlgorithm.RS256, i.claims("mallory").build())),
            Arguments.of("tampered payload", (Function<TestIssuer, String>) i ->
                Forgeries.tamperedPayload(i.rs256("mallory"), i.claims("mallory").claim("groups", List.of("admin")).build())),
            Arguments.of("RS384 (not allowed)", (Function<TestIssuer, String>) i ->
                TestIssuer.sign(i.rsa, JWSAlgorithm.RS384, i.claims("mallory").build())),
            Arguments.of("oversized", (Function<TestIssuer, String>) i -> i.rs256(c -> c.claim("pad", "x".repeat(9000)), "mallory")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void deniedOnHttpApi(String attack, Function<TestIssuer, String> token) {
        Map<String, Object> response = api.authorize(HTTP, token.apply(issuer));
        assertEquals(Map.of("isAuthorized", false), response, attack);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void deniedOnWebSocketConnect(String attack, Function<TestIssuer, String> token) {
        assertDeny(api.authorize(WS_QUERY, token.apply(issuer)));
    }

    @Test
    void missingTokenIsDenied() {
        assertEquals(Map.of("isAuthorized", false), api.authorize("AuthorizerFunction/authorize_http-missing-token.json", null));
        assertEquals(Map.of("isAuthorized", false), api.authorize(HTTP, ""));
        assertDeny(api.authorize(WS_QUERY, ""));
    }

    @Test
    void noAttackRegisteredAUser() {
        attacks().forEach(a -> api.authorize(HTTP, ((Function<TestIssuer, String>) a.get()[1]).apply(issuer)));
        assertTrue(api.outbox("user.registered").stream().noneMatch(e -> e.at("/data/userId").asString().equals("mallory")));
    }

    @Test
    void unknownKidsDoNotHammerTheIssuer() {
        int before = issuer.jwksFetches();
        for (int i = 0; i < 20; i++) {
            api.authorize(HTTP, TestIssuer.sign(TestIssuer.generateEc("rogue-" + i), JWSAlgorithm.ES256, issuer.claims("mallory").build()));
        }
        assertTrue(issuer.jwksFetches() - before <= 2, "JWKS fetched " + (issuer.jwksFetches() - before) + " times for 20 unknown kids");
    }

    static void assertDeny(Map<String, Object> response) {
        assertEquals("anonymous", response.get("principalId"));
        assertNull(response.get("context"));
        Map<?, ?> statement = (Map<?, ?>) ((List<?>) ((Map<?, ?>) response.get("policyDocument")).get("Statement")).getFirst();
        assertEquals("Deny", statement.get("Effect"));
        assertEquals("execute-api:Invoke", statement.get("Action"));
        assertFalse(String.valueOf(statement.get("Resource")).isEmpty());
    }

}
