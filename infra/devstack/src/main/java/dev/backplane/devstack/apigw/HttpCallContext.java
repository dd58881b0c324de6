// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.Map;

/** Per-call facts the event builders need besides the request itself. */
record HttpCallContext(String accountId, String region, String apiId, String stage, String routeKey, String requestId,
                       Map<String, String> stageVariables) {

    /** arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}{path}, what authorizer policies are matched against. */
    String methodArn(String method, String path) {
        return "arn:aws:execute-api:" + region + ":" + accountId + ":" + apiId + "/" + stage + "/" + method + path;
    }
}
