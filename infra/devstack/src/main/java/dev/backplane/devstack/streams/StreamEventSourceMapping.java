package dev.backplane.devstack.streams;

import dev.backplane.devstack.Pause;
import dev.backplane.devstack.lambda.InvocationActivity;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.BatchResponse;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.events.EventFilter;
import dev.backplane.devstack.lambda.Invoker;
import dev.backplane.devstack.logs.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda's stream poller for one {@code Events: Type: DynamoDB} mapping. Reads every shard in order (parents before
 * children), filters with FilterCriteria, and delivers batches synchronously, one at a time per stream, so records
 * of an item arrive in order. Errors: ReportBatchItemFailures checkpoints at the lowest failed sequence number;
 * BisectBatchOnFunctionError splits a failing batch; after MaximumRetryAttempts the batch's metadata goes to the
 * OnFailure queue and the shard moves on — the AWS semantics, with local (sub-second) retry delays.
 */
public final class StreamEventSourceMapping implements AutoCloseable {
    public record Settings(String functionLogicalId, String functionArn, String tableName, ShardIteratorType startingPosition,
                           int batchSize, Duration batchingWindow, boolean bisect, int maximumRetryAttempts,
                           boolean reportBatchItemFailures, EventFilter filter, String onFailureQueueUrl,
                           java.nio.file.Path checkpointFile) {}

    /** Marks a closed shard whose last records were read but may not be handled yet. */
    private static final String LAST_PAGE_READ = "";

    private record Item(String shardId, ObjectNode record, Instant arrival) {
        String sequenceNumber() { return record.path("dynamodb").path("SequenceNumber").asText(); }
    }

    private final Settings settings;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final Invoker invoker;
    private final LogSink log;
    private final String region;
    private final String accountId;
    private final Thread thread;
    private volatile boolean running = true;
    private final InvocationActivity activity;
    private static final Duration BUSY_POLL = Duration.ofMillis(10);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);

    /** {@code activity}: when functions finish invocations (null: poll at the idle interval only). */
    public StreamEventSourceMapping(Settings settings, String streamArn, DynamoDbStreamsClient streams, SqsClient sqs,
                                    Invoker invoker, LogSink log, String region, String accountId, InvocationActivity activity) {
        this.settings = settings;
        this.activity = activity;
        this.streams = streams;
        this.sqs = sqs;
        this.invoker = invoker;
        this.log = log;
        this.region = region;
        this.accountId = accountId;
        // read the shards once now: LATEST means "from the moment the mapping is created", not from the first poll
        ShardReader reader = new ShardReader(streamArn);
        this.thread = Thread.ofVirtual().name("stream-poller-" + settings.functionLogicalId()).start(() -> pollLoop(reader));
    }

    /** The open iterators of the stream's shards, discovering new shards as DynamoDB rolls them over. */
    private final class ShardReader {
        final String streamArn;
        final String eventSourceArn;
        final Map<String, String> iterators = new LinkedHashMap<>();
        final Set<String> known = new LinkedHashSet<>();
        final Set<String> finished = new LinkedHashSet<>();
        final Map<String, String> parents = new LinkedHashMap<>();
        final StreamCheckpoints checkpoints;
        long nextDiscovery;

        ShardReader(String streamArn) {
            this.streamArn = streamArn;
            this.eventSourceArn = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + settings.tableName()
                + "/stream/" + streamArn.substring(streamArn.lastIndexOf('/') + 1);
            this.checkpoints = new StreamCheckpoints(settings.checkpointFile(), streamArn);
            discover(true);
        }

        /** After a batch is handled (delivered, or given up on), its shards continue after its last records. */
        void checkpoint(List<Item> batch) {
            Map<String, String> last = new LinkedHashMap<>();
            batch.forEach(i -> last.put(i.shardId(), i.sequenceNumber()));
            last.forEach((shard, seq) -> {
                if (!StreamCheckpoints.FINISHED.equals(checkpoints.position(shard))) checkpoints.record(shard, seq, streamArn);
            });
        }

        void discover(boolean initial) {
            String start = null;
            do {
                String from = start;
                DescribeStreamResponse d = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from));
                for (Shard shard : d.streamDescription().shards()) {
                    if (!known.add(shard.shardId())) continue;
                    parents.put(shard.shardId(), shard.parentShardId());
                    boolean closed = shard.sequenceNumberRange().endingSequenceNumber() != null;
                    String saved = checkpoints.position(shard.shardId());
                    if (StreamCheckpoints.FINISHED.equals(saved)) {
                        finished.add(shard.shardId());
                        continue;
                    }
                    if (saved != null) { // --persist: continue after the last handled record
                        iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(saved)).shardIterator());
                        continue;
                    }
                    if (initial && settings.startingPosition() == ShardIteratorType.LATEST && closed) {
                        finished.add(shard.shardId()); // history before the mapping existed
                        continue;
                    }
                    ShardIteratorType type = initial ? settings.startingPosition() : ShardIteratorType.TRIM_HORIZON;
                    iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shard.shardId()).shardIteratorType(type)).shardIterator());
                }
                start = d.streamDescription().lastEvaluatedShardId();
            } while (start != null);
            nextDiscovery = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }

        /** Next records of the first readable shard (its parent done), advancing that shard's iterator. */
        List<Item> read(int limit) {
            if (System.nanoTime() > nextDiscovery) discover(false);
            for (var entry : new ArrayList<>(iterators.entrySet())) {
                String parent = parents.get(entry.getKey());
                if (parent != null && known.contains(parent) && !finished.contains(parent)) continue;
                if (entry.getValue().equals(LAST_PAGE_READ)) {
                    iterators.remove(entry.getKey());
                    finished.add(entry.getKey());
                    checkpoints.record(entry.getKey(), StreamCheckpoints.FINISHED, streamArn);
                    continue;
                }
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(entry.getValue()).limit(limit));
                if (page.nextShardIterator() == null && page.records().isEmpty()) {
                    iterators.remove(entry.getKey());
                    finished.add(entry.getKey());
                    checkpoints.record(entry.getKey(), StreamCheckpoints.FINISHED, streamArn);
                } else if (page.nextShardIterator() == null) {
                    // closed shard, last page: finish it on the next read, after these records are checkpointed
                    iterators.put(entry.getKey(), LAST_PAGE_READ);
                } else {
                    iterators.put(entry.getKey(), page.nextShardIterator());
                }
                if (!page.records().isEmpty()) {
                    return page.records().stream().map(r -> new Item(entry.getKey(),
                        StreamRecords.record(r, eventSourceArn, region), r.dynamodb().approximateCreationDateTime())).toList();
                }
            }
            return List.of();
        }
    }

    private void pollLoop(ShardReader reader) {
        while (running) {
            try {
                List<Item> batch = new ArrayList<>(reader.read(settings.batchSize()));
                long windowEnd = System.nanoTime() + settings.batchingWindow().toNanos();
                while (running && !batch.isEmpty() && batch.size() < settings.batchSize() && System.nanoTime() < windowEnd) {
                    List<Item> more = reader.read(settings.batchSize() - batch.size());
                    if (more.isEmpty()) Pause.quietly(BUSY_POLL);
                    batch.addAll(more);
                }
                if (batch.isEmpty()) {
                    // woken when a function invocation ends (writes come from functions), polled briskly while they are
                    // frequent; otherwise at the idle interval (Lambda polls each shard about four times a second)
                    if (activity != null) activity.await(BUSY_POLL, IDLE_POLL);
                    else Pause.quietly(IDLE_POLL);
                    continue;
                }
                List<Item> wanted = batch.stream().filter(i -> settings.filter().matches(i.record().toString())).toList();
                if (wanted.isEmpty() || deliver(wanted, 0)) reader.checkpoint(batch);
            } catch (RuntimeException e) {
                if (!running) return;
                log.system("stream poller for " + settings.functionLogicalId() + " failed: " + e + " (retrying)");
                Pause.quietly(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * Delivers until success, checkpointing, bisecting and finally giving up to the OnFailure destination.
     * Returns false only when devstack stopped before the batch was handled (it is then read again next time).
     */
    private boolean deliver(List<Item> batch, int retriesSoFar) {
        int retries = retriesSoFar;
        List<Item> pending = batch;
        while (running) {
            ArrayNode records = Json.array();
            pending.forEach(i -> records.add(i.record()));
            ObjectNode event = Json.object();
            event.set("Records", records);
            String failure;
            try {
                byte[] response = invoker.invoke(settings.functionLogicalId(), Json.bytes(event));
                if (!settings.reportBatchItemFailures()) return true;
                Set<String> ids = new LinkedHashSet<>();
                pending.forEach(i -> ids.add(i.sequenceNumber()));
                BatchResponse answer = BatchResponse.parse(response, ids);
                if (!answer.wholeBatchFailed() && answer.failedIds().isEmpty()) return true;
                if (!answer.wholeBatchFailed()) {
                    int checkpoint = 0;
                    while (!answer.failedIds().contains(pending.get(checkpoint).sequenceNumber())) checkpoint++;
                    pending = pending.subList(checkpoint, pending.size());
                    failure = "reported item failure at sequence number " + pending.getFirst().sequenceNumber();
                } else {
                    failure = "invalid batchItemFailures";
                }
            } catch (Invoker.FunctionError e) {
                if (!running) return false; // shutting down: not checkpointed, delivered again after a restart
                failure = e.errorType() + ": " + e.getMessage();
                if (settings.bisect() && pending.size() > 1) {
                    log.line(settings.functionLogicalId(), "stream batch of " + pending.size() + " failed (" + failure + "): bisecting");
                    int half = pending.size() / 2;
                    return deliver(pending.subList(0, half), retries) && deliver(pending.subList(half, pending.size()), retries);
                }
            }
            retries++;
            if (settings.maximumRetryAttempts() >= 0 && retries > settings.maximumRetryAttempts()) {
                giveUp(pending, retries, failure);
                return true;
            }
            log.line(settings.functionLogicalId(), "stream batch of " + pending.size() + " failed (" + failure + "): retry " + retries);
            Pause.quietly(Duration.ofMillis(Math.min(2000, 100L * retries)));
        }
        return false;
    }

    private void giveUp(List<Item> batch, int invokeCount, String failure) {
        log.line(settings.functionLogicalId(), "stream batch of " + batch.size() + " dropped after " + invokeCount + " attempts ("
            + failure + ")" + (settings.onFailureQueueUrl() == null ? ": no OnFailure destination" : ": metadata sent to the OnFailure queue"));
        if (settings.onFailureQueueUrl() == null) return;
        ObjectNode message = Json.object();
        ObjectNode request = message.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", settings.functionArn());
        request.put("condition", "RetryAttemptsExhausted");
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = message.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "Unhandled");
        message.put("version", "1.0");
        message.put("timestamp", Instant.now().toString());
        ObjectNode info = message.putObject("DDBStreamBatchInfo");
        info.put("shardId", batch.getFirst().shardId());
        info.put("startSequenceNumber", batch.getFirst().sequenceNumber());
        info.put("endSequenceNumber", batch.getLast().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", String.valueOf(batch.getFirst().arrival()));
        info.put("approximateArrivalOfLastRecord", String.valueOf(batch.getLast().arrival()));
        info.put("batchSize", batch.size());
        info.put("streamArn", batch.getFirst().record().get("eventSourceARN").asText());
        sqs.sendMessage(b -> b.queueUrl(settings.onFailureQueueUrl()).messageBody(message.toString()));
    }

    /** Stops polling; a batch being delivered may finish (and be checkpointed) for a few seconds, then is cut off. */
    @Override
    public void close() {
        running = false;
        try {
            if (!thread.join(Duration.ofSeconds(5))) thread.interrupt();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }
}
