// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A REST API Cognito user-pool authorizer ({@code Auth.Authorizers.X.UserPoolArn}): the token in the identity header
 * (raw, or with a "Bearer " prefix) must be an ID or access token of one of the pools, valid now; with
 * {@code AuthorizationScopes} on the route, an access token carrying one of them. The function gets the claims in
 * {@code requestContext.authorizer.claims} as REST renders them: strings, {@code exp}/{@code iat} as dates
 * ("Mon Nov 30 20:30:10 UTC 2026"), lists comma-joined. Every refusal is 401 {"message":"Unauthorized"}.
 */
final class CognitoAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(CognitoAuthorizer.class);
    private static final DateTimeFormatter JAVA_DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT);

    private final String name;
    private final String header;
    private final Pattern validation;
    private final List<JwtVerifier> pools;
    private final List<String> defaultScopes;

    CognitoAuthorizer(String name, String header, String validationExpression, List<Supplier<String>> issuers, List<String> defaultScopes) {
        this.name = name;
        this.defaultScopes = List.copyOf(defaultScopes);
        this.header = header;
        this.validation = validationExpression == null ? null : Pattern.compile(validationExpression);
        this.pools = issuers.stream().map(JwtVerifier::new).toList();
    }

    /** {@code routeScopes}: the route's AuthorizationScopes (empty: the authorizer's own, if any). */
    AuthResult authorize(GatewayRequest request, List<String> routeScopes, String routeKey) {
        List<String> scopes = routeScopes.isEmpty() ? defaultScopes : routeScopes;
        String token = request.headers().first(header);
        if (token == null || token.isBlank()) return reject(routeKey, "no token in header " + header);
        if (validation != null && !validation.matcher(token).matches()) return reject(routeKey, "token does not match the ValidationExpression");
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).trim();
        Exception last = null;
        for (JwtVerifier pool : pools) {
            try {
                JWTClaimsSet verified = pool.verify(token);
                String use = verified.getStringClaim("token_use");
                if (!scopes.isEmpty()) {
                    String granted = verified.getStringClaim("scope");
                    if (!"access".equals(use) || granted == null || scopes.stream().noneMatch(List.of(granted.split(" "))::contains)) {
                        return reject(routeKey, "the route needs an access token with one of the scopes " + scopes);
                    }
                } else if (!"id".equals(use) && !"access".equals(use)) {
                    return reject(routeKey, "token_use is " + use);
                }
                Map<String, Object> authorizer = new LinkedHashMap<>();
                authorizer.put("claims", render(SignedJWT.parse(token).getPayload().toJSONObject()));
                return new AuthResult.Allowed(authorizer);
            } catch (Exception e) {
                last = e;
            }
        }
        return reject(routeKey, last == null ? "no pool" : last.getClass().getSimpleName() + ": " + last.getMessage());
    }

    private AuthResult reject(String routeKey, String reason) {
        LOG.warn("Cognito authorizer {} rejected {}: {}", name, routeKey, reason);
        return AuthResult.unauthorized();
    }

    static Map<String, String> render(Map<String, Object> claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if ((k.equals("exp") || k.equals("iat")) && v instanceof Number n) {
                out.put(k, JAVA_DATE.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(n.longValue()), ZoneOffset.UTC)));
            } else if (v instanceof List<?> list) {
                out.put(k, String.join(",", list.stream().map(String::valueOf).toList()));
            } else {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }
}
