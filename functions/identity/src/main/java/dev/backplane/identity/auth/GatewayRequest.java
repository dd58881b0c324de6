// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import dev.backplane.core.event.Trace;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A REQUEST authorizer event, either shape: HTTP API payload 2.0 ({@code routeArn}, token in the Authorization
 * header) or WebSocket {@code $connect} ({@code methodArn}, token in the {@code token} query parameter or in
 * {@code Sec-WebSocket-Protocol}, since browsers cannot set headers on a WebSocket).
 */
record GatewayRequest(AuthorizerEvent event) {
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+(\\S+)\\s*");

    /** The WebSocket (and REST) shape answers with an IAM policy for this ARN; HTTP APIs take a simple response. */
    boolean wantsPolicy() { return event.getMethodArn() != null; }

    String methodArn() { return event.getMethodArn(); }

    String route() {
        return event.getRouteKey() != null ? event.getRouteKey() : String.valueOf(event.getMethodArn());
    }

    /** The HTTP API route key ("GET /orders"); null on WebSocket {@code $connect}, where no service route exists. */
    String httpRouteKey() { return wantsPolicy() ? null : event.getRouteKey(); }

    String token() {
        if (wantsPolicy()) {
            String query = map(event.getQueryStringParameters()).get("token") instanceof String s ? s : null;
            if (query != null && !query.isBlank()) return query.strip();
            String protocols = header("sec-websocket-protocol");
            return protocols == null ? null : fromSubprotocols(protocols);
        }
        String authorization = header("authorization");
        if (authorization == null) return null;
        var m = BEARER.matcher(authorization);
        return m.matches() ? m.group(1) : null;
    }

    /** Subprotocol convention: {@code ["bearer", "<token>"]}; a lone JWT-looking value is accepted too. */
    static String fromSubprotocols(String header) {
        List<String> values = List.of(header.split("\\s*,\\s*"));
        int bearer = values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList().indexOf("bearer");
        if (bearer >= 0 && bearer + 1 < values.size()) return values.get(bearer + 1).strip();
        return values.stream().map(String::strip).filter(v -> v.chars().filter(c -> c == '.').count() == 2).findFirst().orElse(null);
    }

    String correlationId() {
        String given = header("x-correlation-id");
        return given != null && CORRELATION_ID.matcher(given).matches() ? given : Trace.mintId();
    }

    String requestId() {
        Object id = map(event.getRequestContext()).get("requestId");
        return id == null ? Trace.mintId() : id.toString();
    }

    private String header(String lowerCaseName) {
        for (var e : map(event.getHeaders()).entrySet()) {
            if (lowerCaseName.equals(String.valueOf(e.getKey()).toLowerCase(Locale.ROOT)) && e.getValue() != null) return e.getValue().toString();
        }
        return null;
    }

    private static Map<?, ?> map(Object value) { return value instanceof Map<?, ?> m ? m : Map.of(); }
}
