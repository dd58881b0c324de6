// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.List;
import java.util.Map;

/** A WebSocket API assembled from AWS::ApiGatewayV2::Api/Route/Integration/Authorizer/Stage resources. */
record WebSocketApi(String logicalId, String apiId, String stage, String routeSelectionExpression,
                    Map<String, Route> routes, Map<String, String> stageVariables) {

    /** A route key ($connect, $disconnect, $default or a custom key) and its proxy integration. */
    /** A route to a function, or (functionLogicalId null, sqs set) to an SQS queue. */
    record Route(String routeKey, String functionLogicalId, Authorizer authorizer, boolean twoWay, SqsRouteIntegration sqs) {
        Route(String routeKey, String functionLogicalId, Authorizer authorizer, boolean twoWay) {
            this(routeKey, functionLogicalId, authorizer, twoWay, null);
        }
    }

    /** A REQUEST authorizer (payload 1.0, IAM policy response), only allowed on $connect. */
    record Authorizer(String logicalId, String functionLogicalId, List<String> identitySources) {}

    String path() { return "/" + stage; }
}
