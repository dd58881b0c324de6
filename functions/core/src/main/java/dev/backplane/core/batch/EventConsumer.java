package dev.backplane.core.batch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.json.Json;
import dev.backplane.core.observability.Observability;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;

/**
 * An EventBridge → SQS consumer: unwraps each message's envelope (the EventBridge {@code detail}), logs under its
 * correlation id, processes each event id once per consumer (redelivery is normal) and reports partial failures.
 */
public final class EventConsumer implements Function<Message<SQSEvent>, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private final String name;
    private final Supplier<Idempotency> idempotency;
    private final Consumer<EventEnvelope> handler;
    private final Duration lockFor;

    public EventConsumer(String name, Supplier<Idempotency> idempotency, Duration lockFor, Consumer<EventEnvelope> handler) {
        this.name = name;
        this.idempotency = idempotency;
        this.lockFor = lockFor;
        this.handler = handler;
    }

    /** For handlers that are idempotent by construction (e.g. a conditional put keyed by event id). */
    public static EventConsumer naturallyIdempotent(String name, Consumer<EventEnvelope> handler) {
        return new EventConsumer(name, null, Duration.ZERO, handler);
    }

    @Override
    public SQSBatchResponse apply(Message<SQSEvent> message) {
        var context = FunctionApp.lambdaContext(message);
        return SqsBatch.process(message.getPayload(), record -> {
            EventEnvelope event = envelopeOf(record.getBody());
            Observability.around(context, event.correlationId(), () -> {
                if (idempotency == null) handler.accept(event);
                else idempotency.get().once(name + ":" + event.id(), lockFor, () -> handler.accept(event));
                LOG.info("{} handled {} {}", name, event.type(), event.id());
                return null;
            });
        });
    }

    /** The envelope from an SQS body holding an EventBridge event (or a bare envelope, e.g. a redriven one). */
    public static EventEnvelope envelopeOf(String body) {
        JsonNode node = Json.tree(body);
        JsonNode detail = node.has("detail-type") ? node.get("detail") : node;
        return EventEnvelope.fromTree(detail);
    }
}
