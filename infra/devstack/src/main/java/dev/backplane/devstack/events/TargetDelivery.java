package dev.backplane.devstack.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.lambda.LambdaRuntime;
import dev.backplane.devstack.logs.LogSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

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

    /** A call's events for one target, in order: a queue gets them in batch sends (10 messages, 256 KiB at most). */
    public void deliverAll(String ruleName, String ruleArn, Target target, List<JsonNode> events) {
        if (target.queueUrl() == null || events.size() == 1) {
            events.forEach(e -> deliver(ruleName, ruleArn, target, e));
            return;
        }
        List<String> bodies = events.stream().map(e -> target.input().apply(e, ruleName, ruleArn)).toList();
        int from = 0;
        int bytes = 0;
        for (int i = 0; i < events.size(); i++) {
            int size = bodies.get(i).getBytes(StandardCharsets.UTF_8).length;
            if (i > from && (i - from == 10 || bytes + size > MAX_BATCH_BYTES)) {
                sendBatch(ruleName, ruleArn, target, events.subList(from, i), bodies.subList(from, i));
                from = i;
                bytes = 0;
            }
            bytes += size;
        }
        sendBatch(ruleName, ruleArn, target, events.subList(from, events.size()), bodies.subList(from, events.size()));
    }

    private static final int MAX_BATCH_BYTES = 256 * 1024;

    /** {@code bodies}: the events as the target receives them (after the rule's input transformation). */
    private void sendBatch(String ruleName, String ruleArn, Target target, List<JsonNode> events, List<String> bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i))
                .messageBody(bodies.get(i)).messageGroupId(target.messageGroupId()).build());
        }
        List<JsonNode> failed = new ArrayList<>();
        try {
            sqs.sendMessageBatch(b -> b.queueUrl(target.queueUrl()).entries(entries)).failed()
                .forEach(f -> failed.add(events.get(Integer.parseInt(f.id()))));
        } catch (RuntimeException e) {
            failed.addAll(events);
        }
        // what the batch could not take goes the single-message way: delivered, or reported and dead-lettered
        failed.forEach(e -> deliver(ruleName, ruleArn, target, e));
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
