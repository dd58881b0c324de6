package dev.backplane.ops.api;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.batch.SqsBatch;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.observability.Observability;
import dev.backplane.ops.domain.TraceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.messaging.Message;

/**
 * The event store's consumer: every bus event, any version (it never reads {@code data}), stored once with when the
 * bus delivered it (SQS SentTimestamp) and when it was stored — the timings traces show. Storing is idempotent.
 */
public final class ArchiveEvents implements Function<Message<SQSEvent>, SQSBatchResponse> {
    private final Supplier<? extends TraceStore> store;
    private final Clock clock;

    public ArchiveEvents(Supplier<? extends TraceStore> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse apply(Message<SQSEvent> message) {
        var context = FunctionApp.lambdaContext(message);
        return SqsBatch.process(message.getPayload(), record -> {
            EventEnvelope event = EventConsumer.envelopeOf(record.getBody());
            Observability.around(context, event.correlationId(), () -> {
                store.get().record(event, sentAt(record), clock.instant());
                return null;
            });
        });
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
