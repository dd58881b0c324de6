// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import dev.backplane.core.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What the authorizer trusts: one issuer (exact {@code iss}), one audience (matched against {@code aud} or Cognito's
 * {@code client_id}), where roles live in the token, and how long the JWKS and user lookups are cached.
 */
public record OidcSettings(String issuer, String audience, List<String> rolesClaims, int clockSkewSeconds,
                           Duration jwksCacheTtl, Duration jwksMinRefetchInterval, Duration userCacheTtl, String serviceRoutes) {
    /** Tried in order when OIDC_ROLES_CLAIM is unset: Cognito groups, generic groups/roles, Keycloak realm roles. */
    public static final List<String> DEFAULT_ROLES_CLAIMS = List.of("cognito:groups", "groups", "roles", "realm_access.roles");

    public OidcSettings {
        issuer = stripTrailingSlash(issuer);
        rolesClaims = List.copyOf(rolesClaims);
    }

    public static OidcSettings from(Config config) {
        List<String> roles = config.find("OIDC_ROLES_CLAIM")
            .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
            .orElse(DEFAULT_ROLES_CLAIMS);
        return new OidcSettings(config.require("OIDC_ISSUER"), config.require("OIDC_AUDIENCE"), roles,
            config.getInt("OIDC_CLOCK_SKEW_SECONDS", 60),
            Duration.ofSeconds(config.getInt("OIDC_JWKS_CACHE_SECONDS", 3600)),
            Duration.ofSeconds(config.getInt("OIDC_JWKS_MIN_REFETCH_SECONDS", 30)),
            Duration.ofSeconds(config.getInt("USER_STATUS_CACHE_SECONDS", 30)),
            config.get("OIDC_SERVICE_ROUTES", ""));
    }

    public String discoveryUrl() { return issuer + "/.well-known/openid-configuration"; }

    private static String stripTrailingSlash(String url) { return url.endsWith("/") ? url.substring(0, url.length() - 1) : url; }
}
