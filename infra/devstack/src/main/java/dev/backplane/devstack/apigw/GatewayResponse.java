// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.nio.charset.StandardCharsets;

/** What the gateway sends back: status, headers in order, body bytes. */
record GatewayResponse(int status, HeaderList headers, byte[] body) {

    /** API Gateway's own error responses: a JSON body {"message": ...}. */
    static GatewayResponse message(int status, String message) {
        HeaderList headers = new HeaderList().add("content-type", "application/json");
        return new GatewayResponse(status, headers, Json.bytes(java.util.Collections.singletonMap("message", message)));
    }

    static GatewayResponse empty(int status) {
        return new GatewayResponse(status, new HeaderList(), new byte[0]);
    }

    String bodyText() { return new String(body, StandardCharsets.UTF_8); }
}
