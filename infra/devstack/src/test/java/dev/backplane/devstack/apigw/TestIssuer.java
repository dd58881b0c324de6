// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.function.UnaryOperator;

/**
 * A minimal OIDC issuer for attack tests: discovery + JWKS over real HTTP, with a signing key the test controls so
 * it can mint tokens that are valid in every respect but one.
 */
final class TestIssuer implements AutoCloseable {
    final RSAKey key;
    final RSAKey otherKey;
    final String issuer;
    private final HttpServer server;

    TestIssuer() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("unknown-key").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://localhost:" + server.getAddress().getPort() + "/test-issuer";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\"}";
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/test-issuer/.well-known/openid-configuration", x -> reply(x, discovery));
        server.createContext("/test-issuer/jwks", x -> reply(x, jwks));
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("content-type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    /** Claims a valid token for audience backplane-spa carries; tests alter one thing at a time. */
    JWTClaimsSet.Builder validClaims() {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("alice").audience("backplane-spa")
            .issueTime(new Date(now - 1000)).expirationTime(new Date(now + 600_000)).claim("email", "alice@example.com");
    }

    String sign(JWTClaimsSet claims) throws Exception { return sign(claims, key); }

    String sign(JWTClaimsSet claims, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    String token(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception { return sign(change.apply(validClaims()).build()); }

    @Override
    public void close() { server.stop(0); }
}
