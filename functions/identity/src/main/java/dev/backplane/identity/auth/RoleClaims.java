// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads role names from a claim path: a claim name as is ({@code cognito:groups}) or dotted into nested objects
 * ({@code realm_access.roles}, Keycloak). Arrays and space/comma separated strings both work. First path with a
 * value wins.
 */
final class RoleClaims {
    private RoleClaims() {}

    static List<String> read(JWTClaimsSet claims, List<String> paths) {
        for (String path : paths) {
            Object value = resolve(claims.getClaims(), path);
            List<String> roles = strings(value);
            if (!roles.isEmpty()) return roles;
        }
        return List.of();
    }

    private static Object resolve(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) return claims.get(path);
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) return null;
            current = map.get(part);
        }
        return current;
    }

    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) if (o instanceof String s && !s.isBlank()) out.add(s.strip());
            return out;
        }
        if (value instanceof String s) return Arrays.stream(s.split("[,\\s]+")).filter(r -> !r.isBlank()).toList();
        return List.of();
    }
}
