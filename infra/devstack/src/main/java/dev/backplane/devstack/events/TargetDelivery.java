package dev.backplane.devstack.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.lambda.LambdaRuntime;
import dev.backplane.devstack.logs.LogSink;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Hands an event to a target as EventBridge does: SendMessage to a queue, or an asynchronous Lambda invoke. */
public final class TargetDelivery {
    private final SqsClient sqs;
    private final LambdaRuntime lambda;
    private final LogSink log;

    public TargetDelivery(SqsClient sqs, LambdaRuntime lambda, LogSink log) {
        this.sqs = sqs;
        this.lambda = lambda;
        this.log = log;
    }

    public void deliver(String ruleName, String ruleArn, Target target, JsonNode event) {
        String input = target.input().apply(event, ruleName, ruleArn);
        try {
            if (target.queueUrl() != null) {
                sqs.sendMessage(b -> b.queueUrl(target.queueUrl()).messageBody(input).messageGroupId(target.messageGroupId()));
            } else {
                lambda.invokeAsync(target.functionLogicalId(), input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            log.system("rule " + ruleName + " could not deliver to target " + target.id() + ": " + e.getMessage()
                + (target.deadLetterQueueUrl() == null ? " (event dropped: no DeadLetterConfig)" : " (sent to its DeadLetterConfig queue)"));
            if (target.deadLetterQueueUrl() != null) sqs.sendMessage(b -> b.queueUrl(target.deadLetterQueueUrl()).messageBody(event.toString()));
        }
    }
}
