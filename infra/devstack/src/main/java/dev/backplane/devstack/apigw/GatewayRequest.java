// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the gateway sees it, independent of the server library: raw path and query (not decoded,
 * because AWS passes them raw), headers in arrival order, the body bytes, and the caller's address.
 */
record GatewayRequest(String method, String rawPath, String rawQuery, HeaderList headers, byte[] body,
                      String sourceIp, String protocol, long receivedAtMillis) {

    GatewayRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
    }

    /** Query parameters decoded, every value kept, in order. */
    Map<String, List<String>> queryParameters() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) return out;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** Cookies split out of every Cookie header (payload 2.0 moves them to their own array). */
    List<String> cookies() {
        List<String> out = new ArrayList<>();
        for (String header : headers.all("cookie")) {
            for (String c : header.split(";")) {
                String trimmed = c.trim();
                if (!trimmed.isEmpty()) out.add(trimmed);
            }
        }
        return out;
    }

    String host() {
        String host = headers.first("host");
        return host == null ? "localhost" : host;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // malformed escapes pass through raw, like API Gateway does
        }
    }
}
