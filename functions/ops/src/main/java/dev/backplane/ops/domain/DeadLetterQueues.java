package dev.backplane.ops.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Port: the system's dead-letter queues, by the short names operators use (e.g. {@code order-saga}). */
public interface DeadLetterQueues {
    /** Every dead-letter queue with its depth, the age of its oldest message and whether it can be redriven. */
    List<QueueStatus> list();

    /** Up to {@code max} messages, left in the queue (a peek consumes nothing). */
    List<DeadLetter> peek(String queue, int max);

    /** Moves the messages (all when {@code messageIds} is empty) back to the queue they failed from. */
    Redrive redrive(String queue, List<String> messageIds);

    /** Deletes the messages (all when {@code messageIds} is empty); returns how many were deleted. */
    int delete(String queue, List<String> messageIds);

    /** True when {@code queue} is one of the configured dead-letter queues. */
    boolean exists(String queue);

    /** True when the queue has a source queue to send its messages back to. */
    boolean redrivable(String queue);

    /** {@code problem}: why the queue could not be read (then depth and age are unknown, reported as -1). */
    record QueueStatus(String name, long depth, long oldestAgeSeconds, boolean redrivable, String problem) {}

    /**
     * A dead message: its body, the error attributes AWS attached (EventBridge target failures: ERROR_CODE,
     * ERROR_MESSAGE, RULE_ARN, TARGET_ARN; Lambda destinations: the failure record), how often it was received
     * and when it was first sent.
     */
    record DeadLetter(String messageId, String body, Map<String, String> attributes, int receiveCount, Instant firstSeen) {}

    /** How a redrive went: {@code moved} messages sent back, or an SQS message move task ({@code taskHandle}) running. */
    record Redrive(String queue, int moved, int notFound, String taskHandle) {}
}
