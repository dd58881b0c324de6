// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import static dev.backplane.devstack.apigw.Fixtures.json;
import static dev.backplane.devstack.apigw.Fixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.backplane.devstack.oidc.LocalOidcProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API JWT authorizer against a real issuer (discovery + JWKS over HTTP), including attack tokens. */
class JwtAuthorizerTest {
    static TestIssuer issuer;
    static LocalOidcProvider oidc;
    static ApiGatewayEmulator attackGateway;
    static ApiGatewayEmulator oidcGateway;

    @BeforeAll
    static void start() throws Exception {
        issuer = new TestIssuer();
        oidc = LocalOidcProvider.start(0);
        attackGateway = Fixtures.start("http-jwt.yaml", new InProcessFunctions(), Map.of("OidcIssuerUrl", issuer.issuer));
        oidcGateway = Fixtures.start("http-jwt.yaml", new InProcessFunctions(), Map.of("OidcIssuerUrl", oidc.issuer()));
    }

    @AfterAll
    static void stop() {
        attackGateway.close();
        oidcGateway.close();
        oidc.close();
        issuer.close();
    }

    static HttpResponse<String> call(ApiGatewayEmulator gateway, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.httpApiUrl() + path));
        if (authorization != null) b.header("Authorization", authorization);
        return send(b);
    }

    static void assertUnauthorized(String authorization) {
        HttpResponse<String> r = call(attackGateway, "/me", authorization);
        assertEquals(401, r.statusCode(), "expected 401 for " + authorization);
        assertEquals("{\"message\":\"Unauthorized\"}", r.body());
    }

    @Test
    void localOidcProviderTokensAreAcceptedAndClaimsRenderedLikeAws() {
        HttpResponse<String> r = call(oidcGateway, "/me", "Bearer " + oidc.accessToken("alice"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode claims = json(r).at("/requestContext/authorizer/jwt/claims");
        assertEquals("alice", claims.get("sub").asText());
        assertEquals("alice@example.com", claims.get("email").asText());
        assertEquals("[user]", claims.get("groups").asText());
        assertEquals(oidc.issuer(), claims.get("iss").asText());
        assertTrue(claims.get("exp").asText().matches("\\d{10}"), claims.get("exp").asText());
        JsonNode admin = json(call(oidcGateway, "/me", "Bearer " + oidc.accessToken("admin"))).at("/requestContext/authorizer/jwt/claims");
        assertEquals("[admin]", admin.get("groups").asText());
    }

    @Test
    void claimsOfEveryTypeBecomeStringsAndScopesAreListed() throws Exception {
        String token = issuer.token(c -> c.claim("roles", List.of("a", "b")).claim("n", 7).claim("flag", true)
            .claim("obj", Map.of("y", 2, "x", "1")).claim("scope", "openid admin.write"));
        JsonNode authorizer = json(call(attackGateway, "/admin/things", "Bearer " + token)).at("/requestContext/authorizer");
        JsonNode claims = authorizer.at("/jwt/claims");
        assertEquals("[a b]", claims.get("roles").asText());
        assertEquals("7", claims.get("n").asText());
        assertEquals("true", claims.get("flag").asText());
        assertEquals("map[x:1 y:2]", claims.get("obj").asText());
        assertEquals("[\"openid\",\"admin.write\"]", authorizer.at("/jwt/scopes").toString());
        JsonNode noScopes = json(call(attackGateway, "/me", "Bearer " + issuer.token(c -> c))).at("/requestContext/authorizer/jwt");
        assertTrue(noScopes.get("scopes").isNull());
    }

    @Test
    void routeScopesAreEnforcedWith403() throws Exception {
        HttpResponse<String> r = call(attackGateway, "/admin/things", "Bearer " + issuer.token(c -> c.claim("scope", "openid")));
        assertEquals(403, r.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", r.body());
    }

    @Test
    void publicRouteNeedsNoToken() {
        HttpResponse<String> r = call(attackGateway, "/products", null);
        assertEquals(200, r.statusCode());
        assertTrue(json(r).at("/requestContext/authorizer").isMissingNode());
    }

    @Test
    void clientIdIsAcceptedInPlaceOfAudience() throws Exception {
        String token = issuer.token(c -> c.audience((String) null).claim("client_id", "backplane-spa"));
        assertEquals(200, call(attackGateway, "/me", "Bearer " + token).statusCode());
    }

    @Test
    void attackTokensAreRejected() throws Exception {
        assertUnauthorized(null);                                   // missing
        assertUnauthorized("Bearer ");                               // empty
        assertUnauthorized("Bearer not-a-jwt");                      // garbage
        assertUnauthorized("Bearer a.b.c");                          // garbage with dots
        assertUnauthorized("Bearer " + new PlainJWT(issuer.validClaims().build()).serialize()); // alg none
        // HS256 "signed" with the issuer's public key (the classic key-confusion attack)
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key").type(JOSEObjectType.JWT).build(),
            issuer.validClaims().build());
        hmac.sign(new MACSigner(issuer.key.toRSAPublicKey().getEncoded()));
        assertUnauthorized("Bearer " + hmac.serialize());
        assertUnauthorized("Bearer " + issuer.token(c -> c.issuer("https://evil.example")));              // wrong iss
        assertUnauthorized("Bearer " + issuer.token(c -> c.audience("someone-else")));                    // wrong aud
        assertUnauthorized("Bearer " + issuer.token(c -> c.expirationTime(new Date(System.currentTimeMillis() - 60_000)))); // expired
        assertUnauthorized("Bearer " + issuer.token(c -> c.expirationTime(null)));                        // no exp
        assertUnauthorized("Bearer " + issuer.token(c -> c.notBeforeTime(new Date(System.currentTimeMillis() + 600_000)))); // nbf future
        assertUnauthorized("Bearer " + issuer.sign(issuer.validClaims().build(), issuer.otherKey));      // unknown kid
        // tampered payload: a valid token with its payload swapped for one naming another subject
        String[] parts = issuer.token(c -> c).split("\\.");
        String forged = Base64URL.encode(issuer.validClaims().subject("admin").claim("groups", List.of("admin")).build().toString()
            .getBytes(StandardCharsets.UTF_8)).toString();
        assertUnauthorized("Bearer " + parts[0] + "." + forged + "." + parts[2]);
        // and the untampered token still works, so the cases above fail for their own reason
        assertEquals(200, call(attackGateway, "/me", "Bearer " + issuer.token(c -> c)).statusCode());
    }
}
