// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route path such as {@code /orders/{id}} or {@code /files/{proxy+}}, matched segment by segment the way API
 * Gateway does: a literal segment beats a {@code {param}}, which beats a greedy {@code {name+}} (which must match
 * at least one segment and must be last).
 */
record RoutePattern(String path, List<Segment> segments) {
    enum Kind { LITERAL, PARAM, GREEDY }

    record Segment(Kind kind, String text) {}

    static RoutePattern parse(String path, String where) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException(where + ": route path must start with '/', got '" + path + "'");
        }
        List<Segment> segments = new ArrayList<>();
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("{") && p.endsWith("+}")) {
                if (i != parts.length - 1) throw new IllegalArgumentException(where + ": greedy " + p + " must be the last segment of " + path);
                segments.add(new Segment(Kind.GREEDY, p.substring(1, p.length() - 2)));
            } else if (p.startsWith("{") && p.endsWith("}")) {
                segments.add(new Segment(Kind.PARAM, p.substring(1, p.length() - 1)));
            } else {
                segments.add(new Segment(Kind.LITERAL, p));
            }
        }
        if (path.equals("/")) segments = List.of();
        return new RoutePattern(path, List.copyOf(segments));
    }

    /** Path parameters (decoded) if the raw path matches, else null. */
    Map<String, String> match(String rawPath) {
        String[] parts = rawPath.equals("/") ? new String[0] : rawPath.substring(1).split("/", -1);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.kind == Kind.GREEDY) {
                if (i >= parts.length) return null;
                String rest = String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length));
                if (rest.isEmpty()) return null;
                params.put(s.text, GatewayRequest.decode(rest));
                return params;
            }
            if (i >= parts.length) return null;
            String decoded = GatewayRequest.decode(parts[i]);
            if (s.kind == Kind.LITERAL) {
                if (!s.text.equals(decoded)) return null;
            } else {
                if (decoded.isEmpty()) return null;
                params.put(s.text, decoded);
            }
        }
        return parts.length == segments.size() ? params : null;
    }

    /** Negative when this pattern is more specific than the other (earlier literal / non-greedy segments win). */
    int compareSpecificity(RoutePattern other) {
        int n = Math.max(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            int a = i < segments.size() ? segments.get(i).kind.ordinal() : 3;
            int b = i < other.segments.size() ? other.segments.get(i).kind.ordinal() : 3;
            if (a != b) return Integer.compare(a, b);
        }
        return 0;
    }
}
