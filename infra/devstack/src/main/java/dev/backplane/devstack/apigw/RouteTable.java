// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Route selection shared by HTTP and REST APIs: among routes whose path matches, the most specific path wins, and
 * for the same path an explicit method beats ANY. {@code $default} (HTTP APIs) catches everything else.
 */
final class RouteTable<R> {
    record Entry<R>(String method, RoutePattern pattern, R route) {}

    record Match<R>(R route, String method, RoutePattern pattern, Map<String, String> pathParameters) {}

    private final List<Entry<R>> entries = new ArrayList<>();
    private R defaultRoute;

    /** Adds METHOD path (METHOD may be ANY); fails if the same route key appears twice, as API Gateway does. */
    /** Whether a route for exactly this method and path template exists. */
    boolean has(String method, String path) {
        String m = method.toUpperCase(java.util.Locale.ROOT);
        return entries.stream().anyMatch(e -> e.method.equals(m) && e.pattern.path().equals(RoutePattern.parse(path, path).path()));
    }

    void add(String method, String path, R route, String where) {
        String m = method.toUpperCase(java.util.Locale.ROOT);
        RoutePattern p = RoutePattern.parse(path, where);
        for (Entry<R> e : entries) {
            if (e.method.equals(m) && e.pattern.path().equals(p.path())) {
                throw new dev.backplane.devstack.template.TemplateException(where + ": duplicate route '" + m + " " + path + "'");
            }
        }
        entries.add(new Entry<>(m, p, route));
    }

    void setDefault(R route) { this.defaultRoute = route; }

    boolean isEmpty() { return entries.isEmpty() && defaultRoute == null; }

    List<Entry<R>> entries() { return entries; }

    Match<R> match(String method, String rawPath) {
        Entry<R> best = null;
        Map<String, String> bestParams = null;
        for (Entry<R> e : entries) {
            if (!e.method.equals("ANY") && !e.method.equals(method)) continue;
            Map<String, String> params = e.pattern.match(rawPath);
            if (params == null) continue;
            if (best == null || better(e, best)) {
                best = e;
                bestParams = params;
            }
        }
        if (best != null) return new Match<>(best.route, best.method, best.pattern, bestParams);
        return defaultRoute == null ? null : new Match<>(defaultRoute, null, null, Map.of());
    }

    private static boolean better(Entry<?> candidate, Entry<?> current) {
        int c = candidate.pattern.compareSpecificity(current.pattern);
        if (c != 0) return c < 0;
        return !candidate.method.equals("ANY") && current.method.equals("ANY");
    }
}
