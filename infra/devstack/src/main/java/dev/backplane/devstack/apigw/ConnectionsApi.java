// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ApiGatewayManagementApi ("@connections") as AWS SDK v2 speaks it (rest-json): POST sends data, GET describes,
 * DELETE closes. Errors carry x-amzn-ErrorType so the SDK raises GoneException, ForbiddenException, etc.
 */
final class ConnectionsApi {
    private static final Pattern PATH = Pattern.compile("^(?:/[^/@]+)?/@connections/([^/]+)/?$");
    private static final int MAX_DATA = 128 * 1024; // API Gateway's WebSocket message limit

    private final ConnectionRegistry registry;

    ConnectionsApi(ConnectionRegistry registry) { this.registry = registry; }

    /** The connection id if the path is a management API path, else null. */
    static String connectionId(String rawPath) {
        Matcher m = PATH.matcher(rawPath);
        return m.matches() ? GatewayRequest.decode(m.group(1)) : null;
    }

    GatewayResponse handle(GatewayRequest r, String connectionId) {
        GatewayResponse response = dispatch(r, connectionId);
        response.headers().set("x-amzn-RequestId", Ids.uuid());
        return response;
    }

    private GatewayResponse dispatch(GatewayRequest r, String connectionId) {
        Connection c = registry.get(connectionId);
        switch (r.method()) {
            case "POST" -> {
                if (r.body().length > MAX_DATA) return error(413, "PayloadTooLargeException", "Message too long");
                if (c == null) return gone();
                try {
                    c.send(r.body());
                } catch (Exception e) {
                    return gone(); // the socket closed while we were sending
                }
                return GatewayResponse.empty(200);
            }
            case "GET" -> {
                if (c == null) return gone();
                Map<String, Object> identity = new LinkedHashMap<>();
                identity.put("sourceIp", c.sourceIp);
                identity.put("userAgent", c.userAgent);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("connectedAt", iso(c.connectedAtMillis));
                body.put("identity", identity);
                body.put("lastActiveAt", iso(c.lastActiveAtMillis()));
                return new GatewayResponse(200, new HeaderList().add("content-type", "application/json"), Json.bytes(body));
            }
            case "DELETE" -> {
                if (c == null) return gone();
                c.close(1000, "");
                return GatewayResponse.empty(204);
            }
            default -> {
                return error(403, "ForbiddenException", "Forbidden");
            }
        }
    }

    private static String iso(long millis) { return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.MILLIS).toString(); }

    private static GatewayResponse gone() { return error(410, "GoneException", null); }

    private static GatewayResponse error(int status, String type, String message) {
        GatewayResponse response = GatewayResponse.message(status, message);
        response.headers().add("x-amzn-ErrorType", type);
        return response;
    }
}
