// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.Map;

/** An authorizer's verdict: what lands in requestContext.authorizer, or the gateway response that ends the call. */
sealed interface AuthResult {
    record Allowed(Map<String, Object> requestContextAuthorizer) implements AuthResult {}

    record Rejected(GatewayResponse response) implements AuthResult {}

    static AuthResult unauthorized() { return new Rejected(GatewayResponse.message(401, "Unauthorized")); }

    static AuthResult forbidden() { return new Rejected(GatewayResponse.message(403, "Forbidden")); }

    static AuthResult internalError() { return new Rejected(GatewayResponse.message(500, "Internal Server Error")); }
}
