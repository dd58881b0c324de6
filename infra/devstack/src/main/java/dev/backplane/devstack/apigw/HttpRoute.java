// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.time.Duration;
import java.util.List;

/** One HTTP API route: its key ("GET /orders/{id}" or "$default"), target function, authorization and payload version. */
record HttpRoute(String routeKey, String functionLogicalId, String authorizerName, List<String> authorizationScopes,
                 String payloadFormatVersion, Duration integrationTimeout, ServiceIntegration service) {
    /** A Lambda proxy route. */
    HttpRoute(String routeKey, String functionLogicalId, String authorizerName, List<String> authorizationScopes,
              String payloadFormatVersion, Duration integrationTimeout) {
        this(routeKey, functionLogicalId, authorizerName, authorizationScopes, payloadFormatVersion, integrationTimeout, null);
    }
}
