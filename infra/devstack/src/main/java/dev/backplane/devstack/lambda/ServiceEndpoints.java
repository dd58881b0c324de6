package dev.backplane.devstack.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the function's AWS SDK clients must go: the standard {@code AWS_ENDPOINT_URL_<SERVICE>} variables (read by
 * AWS SDK v2 since 2.21) plus Backplane's WEBSOCKET_MANAGEMENT_ENDPOINT. Filled in while devstack starts, read when
 * an instance spawns (instances start lazily, after every endpoint is up).
 */
public final class ServiceEndpoints {
    private final Map<String, String> variables = new LinkedHashMap<>();

    public synchronized ServiceEndpoints dynamoDb(String url) {
        variables.put("AWS_ENDPOINT_URL_DYNAMODB", url);
        variables.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", url);
        return this;
    }

    public synchronized ServiceEndpoints sqs(String url) {
        variables.put("AWS_ENDPOINT_URL_SQS", url);
        return this;
    }

    public synchronized ServiceEndpoints eventBridge(String url) {
        variables.put("AWS_ENDPOINT_URL_EVENTBRIDGE", url);
        return this;
    }

    /** SES v2 (devstack's mail catcher). */
    public synchronized ServiceEndpoints sesV2(String url) {
        variables.put("AWS_ENDPOINT_URL_SESV2", url);
        return this;
    }

    /** Cognito user pools (cognito-idp), when the template declares any. */
    public synchronized ServiceEndpoints cognitoIdentityProvider(String url) {
        variables.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", url);
        return this;
    }

    /** devstack's answer to calls of AWS services it does not emulate (the sandbox sends them there, never to AWS). */
    public synchronized ServiceEndpoints unsupportedServices(String url) {
        variables.put("DEVSTACK_UNSUPPORTED_SERVICE_ENDPOINT", url);
        return this;
    }

    /** The API Gateway Management API (@connections) endpoint of the WebSocket API. */
    public synchronized ServiceEndpoints webSocketManagement(String url) {
        if (url != null) variables.put("WEBSOCKET_MANAGEMENT_ENDPOINT", url);
        return this;
    }

    public synchronized Map<String, String> asEnvironment() { return new LinkedHashMap<>(variables); }
}
