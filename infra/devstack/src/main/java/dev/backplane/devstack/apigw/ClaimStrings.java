// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders JWT claims the way an HTTP API JWT authorizer puts them into requestContext.authorizer.jwt.claims: every
 * value becomes a string; arrays look like Go's fmt output "[a b]" and objects like "map[k:v]", which is what AWS
 * (a Go service) produces and what handlers written against AWS have to parse.
 */
final class ClaimStrings {
    private ClaimStrings() {}

    static Map<String, String> render(Map<String, Object> claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    static String value(Object v) {
        if (v == null) return "";
        if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) b.append(' ');
                b.append(value(list.get(i)));
            }
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                if (!first) b.append(' ');
                first = false;
                b.append(e.getKey()).append(':').append(value(e.getValue()));
            }
            return b.append(']').toString();
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return String.valueOf(d.longValue());
        return String.valueOf(v);
    }
}
