package dev.backplane.ops.relay;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.json.Json;
import dev.backplane.core.observability.Observability;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import tools.jackson.databind.node.ObjectNode;

/**
 * PutEvents for the relay, the sweeper and replays: entries go in batches of ≤ 10, up to {@link #PARALLEL_PUTS}
 * batches at a time (EventBridge does not order events anyway); failed entries are retried with backoff and what
 * still fails is handed back to the caller, who keeps it for a later attempt. The detail is the envelope itself;
 * a replayed event carries the same envelope plus {@code "replay": true}, so rules can leave replays out.
 */
public final class EventBusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(EventBusPublisher.class);
    static final int MAX_ENTRIES = 10;
    static final int PARALLEL_PUTS = 8;
    private static final int ATTEMPTS = 4;

    private final EventBridgeClient events;
    private final String busName;

    public EventBusPublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    /** Publishes every item's event; returns the items that could not be published. */
    public <T> List<T> publish(List<T> items, Function<T, EventEnvelope> eventOf, boolean replay) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += MAX_ENTRIES) chunks.add(items.subList(i, Math.min(items.size(), i + MAX_ENTRIES)));
        List<T> failed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_PUTS, chunks.size())), Thread.ofVirtual().factory())) {
            List<Future<List<T>>> results = chunks.stream().map(chunk -> pool.submit(() -> putWithRetries(chunk, eventOf, replay))).toList();
            for (Future<List<T>> result : results) failed.addAll(result.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return items; // nothing is known to be published: the caller keeps everything
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing events failed", e.getCause());
        }
        return failed;
    }

    private <T> List<T> putWithRetries(List<T> batch, Function<T, EventEnvelope> eventOf, boolean replay) {
        List<T> remaining = batch;
        for (int attempt = 1; attempt <= ATTEMPTS && !remaining.isEmpty(); attempt++) {
            if (attempt > 1) sleep(25L << attempt);
            remaining = putOnce(remaining, eventOf, replay);
        }
        if (!remaining.isEmpty()) LOG.warn("{} events still unpublished after {} attempts", remaining.size(), ATTEMPTS);
        return remaining;
    }

    private <T> List<T> putOnce(List<T> batch, Function<T, EventEnvelope> eventOf, boolean replay) {
        PutEventsResponse response;
        try {
            response = events.putEvents(b -> b.entries(batch.stream().map(item -> entry(eventOf.apply(item), replay)).toList()));
        } catch (RuntimeException e) {
            LOG.warn("PutEvents failed for {} entries: {}", batch.size(), e.toString());
            return batch;
        }
        List<T> failed = new ArrayList<>();
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            EventEnvelope event = eventOf.apply(batch.get(i));
            MDC.put(Observability.CORRELATION_ID, event.correlationId()); // chunks run on pool threads: per line
            if (result == null || result.errorCode() != null) {
                failed.add(batch.get(i));
                LOG.warn("event {} rejected: {}", event.id(), result == null ? "no result" : result.errorCode());
            } else {
                LOG.debug("{} {} {}", replay ? "replayed" : "relayed", event.type(), event.id());
            }
            MDC.remove(Observability.CORRELATION_ID);
        }
        return failed;
    }

    private PutEventsRequestEntry entry(EventEnvelope e, boolean replay) {
        return PutEventsRequestEntry.builder().eventBusName(busName).source(e.source()).detailType(e.type())
            .time(e.occurredAt()).detail(replay ? replayDetail(e) : e.toJson()).build();
    }

    /** The envelope with the replay marker (consumers' kernel strips it before parsing the envelope). */
    public static String replayDetail(EventEnvelope e) {
        ObjectNode detail = (ObjectNode) Json.tree(e.toJson());
        detail.put("replay", true);
        return Json.write(detail);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
