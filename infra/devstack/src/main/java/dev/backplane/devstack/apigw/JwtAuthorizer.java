// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final String name;
    private final List<String> audience;
    private final String identitySource;
    private final JwtVerifier verifier;

    JwtAuthorizer(String name, String issuer, List<String> audience, String identitySource) {
        this(name, () -> issuer, audience, identitySource);
    }

    /** {@code issuer} is read on first use: a local Cognito pool's issuer is known only once devstack listens. */
    JwtAuthorizer(String name, java.util.function.Supplier<String> issuer, List<String> audience, String identitySource) {
        this.name = name;
        this.audience = List.copyOf(audience);
        this.identitySource = identitySource;
        this.verifier = new JwtVerifier(issuer);
    }

    /** Verifies the request's token; on success returns {jwt: {claims, scopes}} for requestContext.authorizer. */
    AuthResult authorize(GatewayRequest request, List<String> requiredScopes, String routeKey) {
        String token = IdentitySources.value(identitySource, request);
        if (token == null || token.isBlank()) return reject(routeKey, "no token in " + identitySource);
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).trim();
        Map<String, Object> claims;
        try {
            JWTClaimsSet verified = verifier.verify(token);
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

}
