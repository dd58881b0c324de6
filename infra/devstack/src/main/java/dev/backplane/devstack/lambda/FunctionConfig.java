package dev.backplane.devstack.lambda;

import java.nio.file.Path;
import java.util.Map;

/**
 * What devstack needs to run one template function, resolved from its AWS::Serverless::Function resource.
 *
 * @param maxConcurrency instances devstack may run at once (ReservedConcurrentExecutions, else a local default)
 * @param asyncRetries   retries of failed asynchronous invocations (EventInvokeConfig.MaximumRetryAttempts, default 2)
 * @param asyncDeadLetterQueue logical id of the SQS queue failed async events go to (DeadLetterQueue / OnFailure), or null
 */
public record FunctionConfig(String logicalId, String functionName, String arn, String handler, String runtime,
                             Path codeUri, int memoryMb, int timeoutSeconds, Map<String, String> environment,
                             int maxConcurrency, int asyncRetries, String asyncDeadLetterQueue) {}
