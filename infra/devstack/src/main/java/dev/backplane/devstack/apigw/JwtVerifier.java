// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Verifies tokens of one issuer the way API Gateway does: a key from the issuer's JWKS (found through OIDC discovery,
 * cached, refreshed on an unknown kid), RSA algorithms only, the issuer's {@code iss}, {@code exp} required,
 * {@code exp}/{@code nbf} without clock skew. Shared by the HTTP API JWT and the REST Cognito authorizers.
 */
final class JwtVerifier {
    // API Gateway accepts RSA signatures only; everything else (none, HMAC, EC) is refused before key lookup.
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Supplier<String> issuer;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    JwtVerifier(Supplier<String> issuer) { this.issuer = issuer; }

    JWTClaimsSet verify(String token) throws Exception { return processor().process(token, null); }

    DefaultJWTProcessor<SecurityContext> processor() throws Exception {
        DefaultJWTProcessor<SecurityContext> p = processor;
        if (p != null) return p;
        synchronized (this) {
            if (processor != null) return processor;
            String iss = issuer.get();
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(discoverJwksUri(iss)).toURL())
                .retrying(false).build();
            p = new DefaultJWTProcessor<>();
            p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().issuer(iss).build(), Set.of("exp"));
            claims.setMaxClockSkew(0);
            p.setJWTClaimsSetVerifier(claims);
            processor = p;
            return p;
        }
    }

    private static String discoverJwksUri(String issuer) throws Exception {
        String url = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        JsonNode doc = response.statusCode() == 200 ? Json.parseOrNull(response.body()) : null;
        if (doc == null || !doc.hasNonNull("jwks_uri")) {
            throw new IllegalStateException("OIDC discovery failed for issuer " + issuer + " (HTTP " + response.statusCode() + ")");
        }
        return doc.get("jwks_uri").asText();
    }
}
