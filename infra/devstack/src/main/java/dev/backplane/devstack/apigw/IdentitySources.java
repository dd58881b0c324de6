// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.List;

/** Reads identity-source expressions: $request.header.X, $request.querystring.X (HTTP) and route.request.* (WebSocket). */
final class IdentitySources {
    private IdentitySources() {}

    static String value(String expression, GatewayRequest request) {
        String e = expression.trim();
        String header = after(e, "$request.header.", "route.request.header.");
        if (header != null) {
            List<String> all = request.headers().all(header);
            return all.isEmpty() ? null : String.join(",", all);
        }
        String query = after(e, "$request.querystring.", "route.request.querystring.");
        if (query != null) {
            List<String> all = request.queryParameters().get(query);
            return all == null || all.isEmpty() ? null : String.join(",", all);
        }
        throw new IllegalArgumentException("devstack does not support identity source '" + expression + "'");
    }

    /** True when every identity source has a non-empty value (AWS answers 401 without calling the authorizer otherwise). */
    static boolean allPresent(List<String> expressions, GatewayRequest request) {
        for (String e : expressions) {
            String v = value(e, request);
            if (v == null || v.isEmpty()) return false;
        }
        return true;
    }

    static void validate(String expression, String where) {
        if (after(expression.trim(), "$request.header.", "route.request.header.") == null
            && after(expression.trim(), "$request.querystring.", "route.request.querystring.") == null) {
            throw new dev.backplane.devstack.template.TemplateException(
                "devstack does not support identity source '" + expression + "' (" + where + ")");
        }
    }

    private static String after(String e, String... prefixes) {
        for (String p : prefixes) if (e.startsWith(p)) return e.substring(p.length());
        return null;
    }

}
