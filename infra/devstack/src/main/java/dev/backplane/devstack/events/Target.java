package dev.backplane.devstack.events;

/**
 * A rule target: an SQS queue (by URL) or a Lambda function (by logical id, invoked asynchronously).
 *
 * @param messageGroupId SqsParameters.MessageGroupId for FIFO queues, else null
 * @param deadLetterQueueUrl DeadLetterConfig queue for events the target could not take, else null
 */
public record Target(String id, String queueUrl, String functionLogicalId, InputTransformation input, String messageGroupId,
                     String deadLetterQueueUrl) {}
