package dev.backplane.core.batch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partial batch failure handling for SQS consumers (Powertools batch semantics): each message is processed on
 * its own; failed ones are reported in {@code batchItemFailures} so only they return to the queue (and, after
 * maxReceiveCount, to the DLQ). Never swallow a failure: an acknowledged failure is lost data.
 * Needs {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the event source mapping.
 */
public final class SqsBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    private SqsBatch() {}

    public static SQSBatchResponse process(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        boolean fifoBlocked = false;
        for (SQSEvent.SQSMessage message : records) {
            if (fifoBlocked) {
                // FIFO: later messages of the group must not overtake the failed one
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            try {
                handler.accept(message);
            } catch (RuntimeException e) {
                LOG.error("message {} failed; it goes back to the queue", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                fifoBlocked = isFifo(message);
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static boolean isFifo(SQSEvent.SQSMessage message) {
        return message.getEventSourceArn() != null && message.getEventSourceArn().endsWith(".fifo");
    }
}
