// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A tiny OIDC issuer for tests: discovery and JWKS over real HTTP (JDK HttpServer), an RSA and an EC signing key,
 * and helpers to mint access tokens — valid ones and every kind of forgery.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String AUDIENCE = "backplane-spa";
    public final RSAKey rsa = generateRsa("rsa-1");
    public final ECKey ec = generateEc("ec-1");
    private final List<JWK> published = new CopyOnWriteArrayList<>(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final HttpServer server;
    private final String issuer;

    public TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
        server.createContext("/realms/test/.well-known/openid-configuration", x -> respond(x,
            "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/realms/test/jwks", x -> {
            jwksFetches.incrementAndGet();
            respond(x, new JWKSet(published).toString(true));
        });
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange x, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("content-type", "application/json");
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    public String issuer() { return issuer; }

    public int jwksFetches() { return jwksFetches.get(); }

    /** Key rotation: the issuer starts publishing another key. */
    public void publish(JWK key) { published.add(key.toPublicJWK()); }

    /** Standard claims of a fresh access token for {@code sub}, valid for an hour. */
    public JWTClaimsSet.Builder claims(String sub) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE).subject(sub).issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(3600))).claim("email", sub + "@example.com")
            .claim("preferred_username", sub).claim("groups", List.of("user"));
    }

    public String rs256(JWTClaimsSet claims) { return sign(rsa, JWSAlgorithm.RS256, claims); }

    public String rs256(String sub) { return rs256(claims(sub).build()); }

    public String es256(JWTClaimsSet claims) { return sign(ec, JWSAlgorithm.ES256, claims); }

    public String rs256(UnaryOperator<JWTClaimsSet.Builder> customize, String sub) { return rs256(customize.apply(claims(sub)).build()); }

    public static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() { server.stop(0); }
}
