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
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP API JWT authorizer: the token from the identity source (a "Bearer " prefix is stripped) must be signed by a
 * key from the issuer's JWKS (found through OIDC discovery, cached, refreshed on an unknown kid) with an RSA
 * algorithm, carry the configured iss, an aud (or client_id) from the audience list, and be within exp/nbf.
 * Reasons for a rejection are logged, never the token.
 */
final class JwtAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthorizer.class);
    // API Gateway accepts RSA signatures only; everything else (none, HMAC, EC) is refused before key lookup.
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final String issuer;
    private final List<String> audience;
    private final String identitySource;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    JwtAuthorizer(String name, String issuer, List<String> audience, String identitySource) {
        this.name = name;
        this.issuer = issuer;
        this.audience = List.copyOf(audience);
        this.identitySource = identitySource;
    }

    /** Verifies the request's token; on success returns {jwt: {claims, scopes}} for requestContext.authorizer. */
    AuthResult authorize(GatewayRequest request, List<String> requiredScopes, String routeKey) {
        String token = IdentitySources.value(identitySource, request);
        if (token == null || token.isBlank()) return reject(routeKey, "no token in " + identitySource);
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).trim();
        Map<String, Object> claims;
        try {
            JWTClaimsSet verified = processor().process(token, null);
            if (!audienceMatches(verified)) return reject(routeKey, "audience not accepted");
            claims = SignedJWT.parse(token).getPayload().toJSONObject(); // as sent, not as Nimbus normalises it
        } catch (Exception e) {
            return reject(routeKey, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<String> scopes = scopes(claims);
        if (!requiredScopes.isEmpty() && (scopes == null || requiredScopes.stream().noneMatch(scopes::contains))) {
            LOG.warn("JWT authorizer {} forbade {}: token lacks the route's scopes", name, routeKey);
            return AuthResult.forbidden();
        }
        Map<String, Object> jwt = new LinkedHashMap<>();
        jwt.put("claims", ClaimStrings.render(claims));
        jwt.put("scopes", scopes);
        Map<String, Object> authorizer = new LinkedHashMap<>();
        authorizer.put("jwt", jwt);
        return new AuthResult.Allowed(authorizer);
    }

    private AuthResult reject(String routeKey, String reason) {
        LOG.warn("JWT authorizer {} rejected {}: {}", name, routeKey, reason);
        return AuthResult.unauthorized();
    }

    private boolean audienceMatches(JWTClaimsSet claims) throws java.text.ParseException {
        List<String> aud = claims.getAudience();
        if (aud != null && aud.stream().anyMatch(audience::contains)) return true;
        String clientId = claims.getStringClaim("client_id");
        return clientId != null && audience.contains(clientId);
    }

    private static List<String> scopes(Map<String, Object> claims) {
        Object scope = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
        if (scope instanceof String s) return new ArrayList<>(Arrays.asList(s.trim().split("\\s+")));
        if (scope instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return null; // AWS sends "scopes": null when the token has none
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws Exception {
        DefaultJWTProcessor<SecurityContext> p = processor;
        if (p != null) return p;
        synchronized (this) {
            if (processor != null) return processor;
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(discoverJwksUri()).toURL())
                .retrying(false).build();
            p = new DefaultJWTProcessor<>();
            p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"));
            claims.setMaxClockSkew(0);
            p.setJWTClaimsSetVerifier(claims);
            processor = p;
            return p;
        }
    }

    private String discoverJwksUri() throws Exception {
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
