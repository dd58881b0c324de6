package dev.backplane.ops.api;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.observability.Observability;
import dev.backplane.ops.domain.TraceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * The event store's consumer: every bus event, any version (it never reads {@code data}), stored once with when the
 * bus delivered it (SQS SentTimestamp) and when it was stored — the timings traces show. Storing is idempotent.
 */
public final class ArchiveEvents implements Function<Message<SQSEvent>, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveEvents.class);
    private final Supplier<? extends TraceStore> store;
    private final Clock clock;

    public ArchiveEvents(Supplier<? extends TraceStore> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse apply(Message<SQSEvent> message) {
        var context = FunctionApp.lambdaContext(message);
        List<SQSEvent.SQSMessage> records = message.getPayload().getRecords() == null ? List.of() : message.getPayload().getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> readable = new ArrayList<>();
        List<TraceStore.Recorded> events = new ArrayList<>();
        Instant now = clock.instant();
        for (SQSEvent.SQSMessage record : records) {
            try {
                events.add(new TraceStore.Recorded(EventConsumer.envelopeOf(record.getBody()), sentAt(record), now));
                readable.add(record);
            } catch (RuntimeException e) {
                LOG.error("message {} is not a bus event; it goes back to the queue (then to the dead-letter queue)", record.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        // one batch, a few requests: the store's cost per event is most of the event path's (see docs/benchmarks.md)
        if (events.isEmpty()) return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        List<String> chains = events.stream().map(r -> r.event().correlationId()).distinct().toList();
        String correlationId = chains.size() == 1 ? chains.getFirst() : "batch";
        try {
            Observability.around(context, correlationId, () -> {
                store.get().recordAll(events);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("a batch of {} events was not stored; its messages go back to the queue", events.size(), e);
            readable.forEach(r -> failures.add(new SQSBatchResponse.BatchItemFailure(r.getMessageId())));
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static Instant sentAt(SQSEvent.SQSMessage record) {
        String sent = record.getAttributes() == null ? null : record.getAttributes().get("SentTimestamp");
        try {
            return sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
