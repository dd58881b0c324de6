package dev.backplane.ops.relay;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopKind;
import dev.backplane.core.trace.HopRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox items (stream INSERTs of {@code pk=OUTBOX#…}) → EventBridge, at least once. What still fails after the
 * publisher's retries is reported as the stream checkpoint ({@code batchItemFailures} = first failed record) so
 * Lambda retries from there; when the mapping's retry budget runs out, the items are still in the table and
 * {@link OutboxSweeper} relays them. Relayed items are deleted. Consumers de-duplicate by event id.
 */
public final class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private final EventBusPublisher publisher;
    private final OutboxItems outbox;
    private final HopRecorder hops;

    public OutboxRelay(EventBusPublisher publisher, OutboxItems outbox) { this(publisher, outbox, HopRecorder.NONE); }

    /** With {@code hops}: per relayed event, its wait in the outbox/stream and the relay's publish, in one batch write. */
    public OutboxRelay(EventBusPublisher publisher, OutboxItems outbox, HopRecorder hops) {
        this.publisher = publisher;
        this.outbox = outbox;
        this.hops = hops;
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
        Instant relayStarted = Instant.now();
        List<Pending> failed = publisher.publish(pending, Pending::event, false);
        List<Pending> relayed = new ArrayList<>(pending);
        relayed.removeAll(failed);
        outbox.deleteAll(relayed.stream().map(Pending::pk).toList());
        hops.record(hopsOf(relayed, relayStarted, Instant.now()));
        for (Pending p : failed) {
            String seq = p.sequenceNumber();
            firstFailure = firstFailure == null || compare(seq, firstFailure) < 0 ? seq : firstFailure;
        }
        List<StreamsEventResponse.BatchItemFailure> failures = firstFailure == null ? List.of()
            : List.of(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(firstFailure).build());
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private static List<Hop> hopsOf(List<Pending> relayed, Instant started, Instant ended) {
        List<Hop> out = new ArrayList<>();
        for (Pending p : relayed) {
            EventEnvelope e = p.event();
            out.add(Hop.of(e.correlationId(), "outbox", HopKind.OUTBOX, e.occurredAt(), millis(e.occurredAt(), started))
                .forEvent(e.id(), e.type()).withDetail("committed with its state, waited for the stream"));
            out.add(Hop.of(e.correlationId(), "outbox-relay", HopKind.RELAY, started, millis(started, ended))
                .forEvent(e.id(), e.type()).withDetail("published to EventBridge in a batch of " + relayed.size()));
        }
        return out;
    }

    private static long millis(Instant from, Instant to) { return Math.max(0, Duration.between(from, to).toMillis()); }

    /** Stream sequence numbers are decimal strings of varying length. */
    private static int compare(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
