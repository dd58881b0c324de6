package dev.backplane.core.outbox;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.observability.Observability;
import dev.backplane.core.store.Items;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Outbox items (stream INSERTs of {@code pk=OUTBOX#…}) → EventBridge PutEvents, at least once. Entries go in
 * batches of ≤ 10, up to {@link #PARALLEL_PUTS} batches at a time (EventBridge does not order events anyway);
 * failed entries are retried with backoff; what still fails is reported as the stream checkpoint
 * ({@code batchItemFailures} = first failed record) so Lambda retries from there and nothing is lost. Relayed
 * items are deleted in BatchWriteItem calls (the TTL catches any delete that fails). Consumers de-duplicate by id.
 */
public final class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    static final int MAX_ENTRIES = 10;
    static final int PARALLEL_PUTS = 8;
    private static final int DELETES_PER_CALL = 25;
    private static final int ATTEMPTS = 4;

    private final EventBridgeClient events;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String busName;

    public OutboxRelay(EventBridgeClient events, DynamoDbClient dynamo, String table, String busName) {
        this.events = events;
        this.dynamo = dynamo;
        this.table = table;
        this.busName = busName;
    }

    private record Pending(String sequenceNumber, String pk, EventEnvelope event) {}

    public StreamsEventResponse relay(DynamodbEvent streamEvent) {
        List<Pending> pending = new ArrayList<>();
        String firstFailure = null;
        for (DynamodbEvent.DynamodbStreamRecord record : streamEvent.getRecords()) {
            if (!"INSERT".equals(record.getEventName())) continue;
            Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
            String pk = image == null || image.get("pk") == null ? null : image.get("pk").getS();
            if (pk == null || !pk.startsWith("OUTBOX#")) continue;
            String seq = record.getDynamodb().getSequenceNumber();
            try {
                pending.add(new Pending(seq, pk, EventEnvelope.fromJson(image.get("event").getS())));
            } catch (RuntimeException e) {
                LOG.error("outbox item {} is not a valid event; it will go to the failure destination", pk, e);
                if (firstFailure == null) firstFailure = seq;
                break; // stream order: stop here, Lambda retries from this record
            }
        }
        List<Pending> failed = publishAll(pending);
        for (Pending p : failed) {
            String seq = p.sequenceNumber();
            firstFailure = firstFailure == null || compare(seq, firstFailure) < 0 ? seq : firstFailure;
        }
        List<StreamsEventResponse.BatchItemFailure> failures = firstFailure == null ? List.of()
            : List.of(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(firstFailure).build());
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /** Publishes every pending event (chunks in parallel), deletes the relayed items, returns the ones that failed. */
    private List<Pending> publishAll(List<Pending> pending) {
        List<List<Pending>> chunks = new ArrayList<>();
        for (int i = 0; i < pending.size(); i += MAX_ENTRIES) chunks.add(pending.subList(i, Math.min(pending.size(), i + MAX_ENTRIES)));
        List<Pending> failed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_PUTS, chunks.size())), Thread.ofVirtual().factory())) {
            List<Future<List<Pending>>> results = chunks.stream().map(chunk -> pool.submit(() -> putWithRetries(chunk))).toList();
            for (Future<List<Pending>> result : results) failed.addAll(result.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return pending; // nothing is known to be relayed: report all, Lambda retries
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing outbox events failed", e.getCause());
        }
        List<Pending> relayed = new ArrayList<>(pending);
        relayed.removeAll(failed);
        deleteAll(relayed);
        return failed;
    }

    private List<Pending> putWithRetries(List<Pending> batch) {
        List<Pending> remaining = batch;
        for (int attempt = 1; attempt <= ATTEMPTS && !remaining.isEmpty(); attempt++) {
            if (attempt > 1) sleep(25L << attempt);
            remaining = putOnce(remaining);
        }
        if (!remaining.isEmpty()) LOG.warn("{} events still unpublished after {} attempts", remaining.size(), ATTEMPTS);
        return remaining;
    }

    private List<Pending> putOnce(List<Pending> batch) {
        PutEventsResponse response;
        try {
            response = events.putEvents(b -> b.entries(batch.stream().map(this::entry).toList()));
        } catch (RuntimeException e) {
            LOG.warn("PutEvents failed for {} entries: {}", batch.size(), e.toString());
            return batch;
        }
        List<Pending> failed = new ArrayList<>();
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            EventEnvelope event = batch.get(i).event();
            MDC.put(Observability.CORRELATION_ID, event.correlationId()); // chunks run on pool threads: per line
            if (result == null || result.errorCode() != null) {
                failed.add(batch.get(i));
                LOG.warn("event {} rejected: {}", event.id(), result == null ? "no result" : result.errorCode());
            } else {
                LOG.info("relayed {} {}", event.type(), event.id());
            }
            MDC.remove(Observability.CORRELATION_ID);
        }
        return failed;
    }

    private PutEventsRequestEntry entry(Pending p) {
        EventEnvelope e = p.event();
        return PutEventsRequestEntry.builder().eventBusName(busName).source(e.source()).detailType(e.type())
            .time(e.occurredAt()).detail(e.toJson()).build();
    }

    private void deleteAll(List<Pending> relayed) {
        for (int i = 0; i < relayed.size(); i += DELETES_PER_CALL) {
            List<WriteRequest> deletes = relayed.subList(i, Math.min(relayed.size(), i + DELETES_PER_CALL)).stream()
                .map(p -> WriteRequest.builder().deleteRequest(d -> d.key(Items.key(p.pk(), "OUTBOX"))).build()).toList();
            try {
                var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, deletes))).unprocessedItems();
                if (unprocessed != null && !unprocessed.isEmpty()) {
                    LOG.warn("{} relayed outbox items not deleted now; TTL will remove them", unprocessed.getOrDefault(table, List.of()).size());
                }
            } catch (RuntimeException e) {
                LOG.warn("could not delete {} relayed outbox items; TTL will remove them: {}", deletes.size(), e.toString());
            }
        }
    }

    /** Stream sequence numbers are decimal strings of varying length. */
    private static int compare(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
