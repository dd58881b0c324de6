// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The routes machine tokens may call and the scope each needs, from {@code OIDC_SERVICE_ROUTES}:
 * {@code "POST /internal/replays=ops.replay;GET /internal/health=ops.read"}. Every other route — every user route —
 * refuses machine tokens; with the setting empty (the default) machine tokens reach nothing.
 */
record ServiceRoutes(Map<String, String> scopeByRoute) {
    static final ServiceRoutes NONE = new ServiceRoutes(Map.of());

    ServiceRoutes {
        scopeByRoute = Map.copyOf(scopeByRoute);
    }

    static ServiceRoutes parse(String setting) {
        if (setting == null || setting.isBlank()) return NONE;
        Map<String, String> routes = new LinkedHashMap<>();
        for (String entry : setting.split(";")) {
            if (entry.isBlank()) continue;
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("OIDC_SERVICE_ROUTES entry '" + entry.strip() + "' is not 'METHOD /path=scope'");
            }
            routes.put(entry.substring(0, eq).strip().replaceAll("\\s+", " "), entry.substring(eq + 1).strip());
        }
        return new ServiceRoutes(routes);
    }

    Optional<String> requiredScope(String routeKey) { return Optional.ofNullable(routeKey == null ? null : scopeByRoute.get(routeKey)); }
}
