// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.Map;

/** An HTTP API (explicit AWS::Serverless::HttpApi or SAM's implicit ServerlessHttpApi) ready to serve. */
record HttpApi(String logicalId, String apiId, String stage, Cors cors, Map<String, String> stageVariables,
               RouteTable<HttpRoute> routes, Map<String, JwtAuthorizer> jwtAuthorizers,
               Map<String, LambdaAuthorizerV2> lambdaAuthorizers) {

    /** URL path prefix on the local port: empty for the $default stage, else /{stage} (as on execute-api). */
    String basePath() { return stage.equals("$default") ? "" : "/" + stage; }
}
