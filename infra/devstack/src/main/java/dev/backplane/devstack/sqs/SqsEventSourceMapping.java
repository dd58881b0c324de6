package dev.backplane.devstack.sqs;

import dev.backplane.devstack.Pause;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.BatchResponse;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.events.EventFilter;
import dev.backplane.devstack.lambda.Invoker;
import dev.backplane.devstack.logs.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS poller for one {@code Events: Type: SQS} mapping: long-polls the queue, builds batches (BatchSize,
 * MaximumBatchingWindowInSeconds), drops messages the FilterCriteria reject (Lambda deletes them), invokes the
 * function synchronously and deletes what succeeded. Failed messages stay in the queue and come back after the
 * visibility timeout, so the queue's own RedrivePolicy moves poison messages to the DLQ — as on AWS.
 */
public final class SqsEventSourceMapping implements AutoCloseable {
    /** @param pollers concurrent batches (ScalingConfig.MaximumConcurrency, capped by the function's concurrency) */
    public record Settings(String functionLogicalId, String queueUrl, String queueArn, int batchSize, Duration batchingWindow,
                           boolean reportBatchItemFailures, EventFilter filter, int pollers) {}

    private final Settings settings;
    private final SqsClient sqs;
    private final Invoker invoker;
    private final LogSink log;
    private final String region;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public SqsEventSourceMapping(Settings settings, SqsClient sqs, Invoker invoker, LogSink log, String region) {
        this.settings = settings;
        this.sqs = sqs;
        this.invoker = invoker;
        this.log = log;
        this.region = region;
        for (int i = 0; i < settings.pollers(); i++) {
            threads.add(Thread.ofVirtual().name("sqs-poller-" + settings.functionLogicalId() + "-" + i).start(this::pollLoop));
        }
    }

    private void pollLoop() {
        while (running) {
            try {
                List<Message> batch = nextBatch();
                if (!batch.isEmpty()) handle(batch);
            } catch (RuntimeException e) {
                if (!running) return;
                log.system("SQS poller for " + settings.functionLogicalId() + " failed: " + e + " (retrying)");
                Pause.quietly(Duration.ofSeconds(1));
            }
        }
    }

    private List<Message> nextBatch() {
        List<Message> batch = new ArrayList<>();
        long windowEnd = System.nanoTime() + settings.batchingWindow().toNanos();
        do {
            int max = Math.min(10, settings.batchSize() - batch.size());
            long leftMs = (windowEnd - System.nanoTime()) / 1_000_000;
            int waitSeconds = batch.isEmpty() ? 1 : (int) Math.max(0, Math.min(1, leftMs / 1000));
            batch.addAll(sqs.receiveMessage(b -> b.queueUrl(settings.queueUrl()).maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages());
        } while (running && !batch.isEmpty() && batch.size() < settings.batchSize() && System.nanoTime() < windowEnd);
        return batch;
    }

    private void handle(List<Message> batch) {
        Map<String, Message> byId = new LinkedHashMap<>();
        ArrayNode records = Json.array();
        List<Message> filteredOut = new ArrayList<>();
        for (Message m : batch) {
            ObjectNode record = SqsRecords.record(m, settings.queueArn(), region);
            if (settings.filter().matches(SqsRecords.forFiltering(record))) {
                records.add(record);
                byId.put(m.messageId(), m);
            } else {
                filteredOut.add(m);
            }
        }
        delete(filteredOut);
        if (records.isEmpty()) return;
        ObjectNode event = Json.object();
        event.set("Records", records);
        byte[] response;
        try {
            response = invoker.invoke(settings.functionLogicalId(), Json.bytes(event));
        } catch (Invoker.FunctionError e) {
            if (!running) return; // shutting down: the messages simply stay in the queue
            log.line(settings.functionLogicalId(), "SQS batch of " + records.size() + " failed (" + e.errorType()
                + "): messages return to the queue after the visibility timeout");
            return;
        }
        if (!settings.reportBatchItemFailures()) {
            if (BatchResponse.mentionsFailures(response)) {
                log.line(settings.functionLogicalId(), "WARNING: the function returned batchItemFailures but the SQS event lacks "
                    + "FunctionResponseTypes: [ReportBatchItemFailures]; Lambda ignores them and deletes the whole batch");
            }
            delete(new ArrayList<>(byId.values()));
            return;
        }
        BatchResponse answer = BatchResponse.parse(response, Set.copyOf(byId.keySet()));
        if (answer.wholeBatchFailed()) {
            log.line(settings.functionLogicalId(), "invalid batchItemFailures: the whole batch of " + records.size() + " is retried");
            return;
        }
        delete(byId.values().stream().filter(m -> !answer.failedIds().contains(m.messageId())).toList());
    }

    private void delete(List<Message> messages) {
        for (int i = 0; i < messages.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> entries = messages.subList(i, Math.min(messages.size(), i + 10)).stream()
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
            sqs.deleteMessageBatch(b -> b.queueUrl(settings.queueUrl()).entries(entries));
        }
    }

    /** Stops polling; batches being handled may finish (and delete their messages) for a few seconds, then are cut off. */
    @Override
    public void close() {
        running = false;
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (Thread t : threads) {
            try {
                if (!t.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())))) t.interrupt();
            } catch (InterruptedException e) {
                t.interrupt();
                Thread.currentThread().interrupt();
            }
        }
    }
}
