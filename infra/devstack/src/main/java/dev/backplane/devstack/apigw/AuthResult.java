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

    /**
     * The authorizer was throttled or did not answer within the gateway's 10 s under a burst (function instances busy
     * or still starting): a retryable 429 rather than a 500, which would read as a broken authorizer.
     */
    static AuthResult busy() {
        GatewayResponse response = GatewayResponse.message(429, "Too Many Requests");
        response.headers().add("retry-after", "1");
        return new Rejected(response);
    }

    /** How a failed authorizer call ends the request: busy (429) when it was load, internal error (500) otherwise. */
    static AuthResult failed(FunctionCall.Outcome outcome) {
        return outcome instanceof FunctionCall.Throttled || outcome instanceof FunctionCall.TimedOut ? busy() : internalError();
    }
}
