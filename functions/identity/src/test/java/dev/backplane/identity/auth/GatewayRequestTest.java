// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where tokens are taken from in each event shape. */
class GatewayRequestTest {
    private static GatewayRequest request(Map<String, Object> fields) {
        AuthorizerEvent e = new AuthorizerEvent();
        e.setMethodArn((String) fields.get("methodArn"));
        e.setHeaders(cast(fields.get("headers")));
        e.setQueryStringParameters(cast(fields.get("queryStringParameters")));
        return new GatewayRequest(e);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> cast(Object o) { return (Map<String, String>) o; }

    @Test
    void httpTakesOnlyBearerAuthorization() {
        assertEquals("a.b.c", request(Map.of("headers", Map.of("authorization", "Bearer a.b.c"))).token());
        assertEquals("a.b.c", request(Map.of("headers", Map.of("Authorization", "bearer   a.b.c"))).token());
        assertNull(request(Map.of("headers", Map.of("authorization", "Basic dXNlcjpwdw=="))).token());
        assertNull(request(Map.of("queryStringParameters", Map.of("token", "a.b.c"))).token()); // never from URLs on HTTP
        assertNull(request(Map.of()).token());
    }

    @Test
    void webSocketTakesQueryThenSubprotocol() {
        String arn = "arn:aws:execute-api:eu-west-1:1:ws/dev/$connect";
        assertEquals("q.q.q", request(Map.of("methodArn", arn, "queryStringParameters", Map.of("token", "q.q.q"),
            "headers", Map.of("Sec-WebSocket-Protocol", "bearer, h.h.h"))).token());
        assertEquals("h.h.h", request(Map.of("methodArn", arn, "headers", Map.of("Sec-WebSocket-Protocol", "bearer, h.h.h"))).token());
        assertEquals("h.h.h", GatewayRequest.fromSubprotocols("h.h.h"));
        assertEquals("h.h.h", GatewayRequest.fromSubprotocols("graphql-ws,h.h.h"));
        assertNull(GatewayRequest.fromSubprotocols("graphql-ws"));
    }
}
