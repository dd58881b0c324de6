package dev.backplane.devstack.hybrid;

import java.net.URI;
import java.util.Map;

/**
 * Hybrid mode: devstack serves the APIs, authorizers, OIDC provider, Stripe simulator and SPA, and invokes every
 * function through the Lambda Invoke API at {@code lambdaEndpoint} (LocalStack, where {@code infra/localstack/deploy}
 * put the stack, or another devstack). Everything behind the functions lives there.
 *
 * @param lambdaEndpoint where the functions run (the Lambda API's endpoint)
 * @param stack          the deployed stack's name: functions without a FunctionName were named by CloudFormation after it
 * @param functionNames  logical id → deployed function name, where the automatic mapping is not wanted
 */
public record HybridOptions(URI lambdaEndpoint, String stack, Map<String, String> functionNames) {
    public HybridOptions {
        functionNames = Map.copyOf(functionNames);
    }
}
