// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.List;
import java.util.Map;

/**
 * A REST API (AWS::Serverless::Api or SAM's implicit ServerlessRestApi, stage Prod): Lambda proxy routes, AWS service
 * integration routes and its Cognito authorizers.
 */
record RestApi(String logicalId, String apiId, String stage, Cors cors, List<String> binaryMediaTypes,
               Map<String, String> stageVariables, RouteTable<String> routes, RouteTable<RestAwsIntegration> services, RestAuth auth) {

    /** Lambda proxy routes only. */
    RestApi(String logicalId, String apiId, String stage, Cors cors, List<String> binaryMediaTypes,
            Map<String, String> stageVariables, RouteTable<String> routes) {
        this(logicalId, apiId, stage, cors, binaryMediaTypes, stageVariables, routes, new RouteTable<>(), new RestAuth());
    }

    String basePath() { return "/" + stage; }
}
