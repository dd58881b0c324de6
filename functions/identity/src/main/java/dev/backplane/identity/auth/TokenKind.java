// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a machine token (OAuth client_credentials) from a user token, whichever issuer minted it. A token is a
 * machine token when any of these holds; otherwise it is a user token:
 * <ol>
 *   <li>its subject is the client it was issued to ({@code sub} equals {@code client_id}, {@code azp}, {@code cid} or
 *       {@code clientId}): Cognito M2M, Okta, the local provider;</li>
 *   <li>it declares the grant ({@code gty}/{@code grant_type} is client-credentials): Auth0 and similar;</li>
 *   <li>its user name is a Keycloak service account ({@code preferred_username} starts with {@code service-account-});</li>
 *   <li>it names no user at all (none of {@code username}, {@code cognito:username}, {@code preferred_username},
 *       {@code email}): fail closed — a token that cannot be shown to be a person's is not one.</li>
 * </ol>
 * Roles a token claims never make it a user or a machine; only these claims do.
 */
final class TokenKind {
    static final List<String> CLIENT_ID_CLAIMS = List.of("client_id", "azp", "cid", "clientId");
    static final List<String> USER_NAME_CLAIMS = List.of("username", "cognito:username", "preferred_username", "email");

    private TokenKind() {}

    static boolean isMachine(JWTClaimsSet claims) {
        String sub = claims.getSubject();
        for (String name : CLIENT_ID_CLAIMS) if (sub != null && sub.equals(string(claims, name))) return true;
        for (String name : List.of("gty", "grant_type")) {
            String grant = string(claims, name);
            if (grant != null && grant.toLowerCase(Locale.ROOT).replace('_', '-').equals("client-credentials")) return true;
        }
        String preferred = string(claims, "preferred_username");
        if (preferred != null && preferred.startsWith("service-account-")) return true;
        return USER_NAME_CLAIMS.stream().noneMatch(name -> string(claims, name) != null);
    }

    /** The client a machine token was issued to: its client id claim, else its subject. */
    static String clientId(JWTClaimsSet claims) {
        for (String name : CLIENT_ID_CLAIMS) {
            String id = string(claims, name);
            if (id != null) return id;
        }
        return claims.getSubject();
    }

    /** OAuth scopes: {@code scope} (space separated, RFC 8693) or {@code scp} (array or string). */
    static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.getClaim(name);
            if (value instanceof String s) for (String part : s.split("[\\s,]+")) if (!part.isBlank()) scopes.add(part);
            if (value instanceof List<?> list) for (Object o : list) if (o instanceof String s && !s.isBlank()) scopes.add(s);
        }
        return scopes;
    }

    private static String string(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s && !s.isBlank() ? s : null;
    }
}
