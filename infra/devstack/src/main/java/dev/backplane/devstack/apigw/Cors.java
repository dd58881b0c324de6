// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.template.TemplateException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTTP API CORS as API Gateway applies it: the gateway answers preflight requests itself (even without an OPTIONS
 * route) and, when an API has CORS configured, replaces any CORS headers the integration returned with its own.
 */
record Cors(List<String> allowOrigins, List<String> allowHeaders, List<String> allowMethods, List<String> exposeHeaders,
            Integer maxAge, boolean allowCredentials) {

    private static final Set<String> KEYS = Set.of("AllowOrigins", "AllowHeaders", "AllowMethods", "ExposeHeaders", "MaxAge", "AllowCredentials");

    /** SAM CorsConfiguration: true, or a map with the six keys above; null means CORS is off. */
    static Cors from(Object config, String where) {
        if (config == null || Boolean.FALSE.equals(config)) return null;
        if (Boolean.TRUE.equals(config)) return new Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
        if (!(config instanceof Map<?, ?> map)) throw new TemplateException(where + ".CorsConfiguration must be true or a mapping");
        for (Object k : map.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) throw new TemplateException("devstack does not support " + where + ".CorsConfiguration." + k);
        }
        return new Cors(strings(map.get("AllowOrigins")), strings(map.get("AllowHeaders")), strings(map.get("AllowMethods")),
            strings(map.get("ExposeHeaders")), map.get("MaxAge") == null ? null : Integer.valueOf(String.valueOf(map.get("MaxAge"))),
            Boolean.parseBoolean(String.valueOf(map.get("AllowCredentials"))));
    }

    private static List<String> strings(Object v) {
        if (v == null) return List.of();
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(v));
    }

    static boolean isPreflight(GatewayRequest request) {
        return request.method().equals("OPTIONS") && request.headers().has("origin")
            && request.headers().has("access-control-request-method");
    }

    GatewayResponse preflight(GatewayRequest request) {
        GatewayResponse response = GatewayResponse.empty(204);
        String origin = request.headers().first("origin");
        String allowedOrigin = allowedOrigin(origin);
        if (allowedOrigin == null) return response;
        HeaderList h = response.headers();
        h.add("access-control-allow-origin", allowedOrigin);
        if (!allowMethods.isEmpty()) h.add("access-control-allow-methods", String.join(",", allowMethods));
        if (!allowHeaders.isEmpty()) h.add("access-control-allow-headers", String.join(",", allowHeaders));
        if (allowCredentials) h.add("access-control-allow-credentials", "true");
        if (maxAge != null) h.add("access-control-max-age", String.valueOf(maxAge));
        return response;
    }

    /** Applies CORS headers to a normal response; the integration's own CORS headers are dropped, as in AWS. */
    void decorate(GatewayRequest request, GatewayResponse response) {
        HeaderList h = response.headers();
        h.fields().removeIf(f -> f.name().toLowerCase(Locale.ROOT).startsWith("access-control-"));
        String allowedOrigin = allowedOrigin(request.headers().first("origin"));
        if (allowedOrigin == null) return;
        h.add("access-control-allow-origin", allowedOrigin);
        if (allowCredentials) h.add("access-control-allow-credentials", "true");
        if (!exposeHeaders.isEmpty()) h.add("access-control-expose-headers", String.join(",", exposeHeaders));
    }

    private String allowedOrigin(String origin) {
        if (origin == null) return null;
        for (String allowed : allowOrigins) {
            if (allowed.equals("*")) return "*";
            if (allowed.equalsIgnoreCase(origin) || globMatches(allowed.toLowerCase(Locale.ROOT), origin.toLowerCase(Locale.ROOT))) {
                return origin;
            }
        }
        return null;
    }

    /** AWS allows one wildcard in an origin such as https://*.example.com. */
    private static boolean globMatches(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) return false;
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix) && value.endsWith(suffix);
    }
}
