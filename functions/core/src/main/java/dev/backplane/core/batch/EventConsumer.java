package dev.backplane.core.batch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.EventTypes;
import dev.backplane.core.event.TypedEvent;
import dev.backplane.core.event.UnsupportedEventVersionException;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.json.Json;
import dev.backplane.core.observability.Observability;
import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopKind;
import dev.backplane.core.trace.Hops;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An EventBridge → SQS consumer: unwraps each message's envelope (the EventBridge {@code detail}), logs under its
 * correlation id, processes each event id once per consumer (redelivery is normal) and reports partial failures.
 * Versions are honoured: a consumer handles major version 1 of every type unless it declares more
 * ({@link #acceptingVersions}, {@link #acceptingAnyVersion}); any other version fails with
 * {@link UnsupportedEventVersionException} and so ends in the dead-letter queue instead of being guessed at.
 */
public final class EventConsumer implements Function<Message<SQSEvent>, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private final String name;
    private final Supplier<Idempotency> idempotency;
    private final Consumer<EventEnvelope> handler;
    private final Duration lockFor;
    /** Highest major version understood per type; a type not listed is understood up to {@link #DEFAULT_VERSION}. */
    private final Map<String, Integer> versions;
    private final boolean anyVersion;
    static final int DEFAULT_VERSION = 1;

    public EventConsumer(String name, Supplier<Idempotency> idempotency, Duration lockFor, Consumer<EventEnvelope> handler) {
        this(name, idempotency, lockFor, handler, Map.of(), false);
    }

    private EventConsumer(String name, Supplier<Idempotency> idempotency, Duration lockFor, Consumer<EventEnvelope> handler,
                          Map<String, Integer> versions, boolean anyVersion) {
        this.name = name;
        this.idempotency = idempotency;
        this.lockFor = lockFor;
        this.handler = handler;
        this.versions = Map.copyOf(versions);
        this.anyVersion = anyVersion;
    }

    /**
     * A consumer of typed payloads: each event's data parsed once into the record {@code types} registers for its type
     * and version (a registered type in an unregistered version fails as unsupported); other types are skipped.
     */
    public static EventConsumer typed(String name, Supplier<Idempotency> idempotency, Duration lockFor, EventTypes types,
                                      Consumer<TypedEvent<?>> handler) {
        return new EventConsumer(name, idempotency, lockFor, event -> types.parse(name, event).ifPresent(handler), Map.of(), true);
    }

    /** This consumer understands {@code type} up to major version {@code highest}. */
    public EventConsumer acceptingVersions(String type, int highest) {
        Map<String, Integer> more = new HashMap<>(versions);
        more.put(type, highest);
        return new EventConsumer(name, idempotency, lockFor, handler, more, anyVersion);
    }

    /** For consumers that never read {@code data} (archives, forwarders): every version is fine. */
    public EventConsumer acceptingAnyVersion() { return new EventConsumer(name, idempotency, lockFor, handler, versions, true); }

    private void checkVersion(EventEnvelope event) {
        int highest = versions.getOrDefault(event.type(), DEFAULT_VERSION);
        if (!anyVersion && event.version() > highest) {
            throw new UnsupportedEventVersionException(name, event.type(), event.version(), highest);
        }
    }

    /** For handlers that are idempotent by construction (e.g. a conditional put keyed by event id). */
    public static EventConsumer naturallyIdempotent(String name, Consumer<EventEnvelope> handler) {
        return new EventConsumer(name, null, Duration.ZERO, handler);
    }

    @Override
    public SQSBatchResponse apply(Message<SQSEvent> message) {
        var context = FunctionApp.lambdaContext(message);
        // one hop write per batch, not per event: a batch of ten costs one BatchWriteItem instead of ten round trips
        return Hops.collecting(() -> SqsBatch.process(message.getPayload(), record -> {
            EventEnvelope event = envelopeOf(record.getBody());
            Observability.around(context, event.correlationId(), () -> {
                Instant startedAt = Instant.now();
                String outcome = "failed";
                try {
                    checkVersion(event);
                    if (idempotency == null) handler.accept(event);
                    else idempotency.get().once(name + ":" + event.id(), lockFor, () -> handler.accept(event));
                    outcome = "handled";
                } finally {
                    Hops.record(Hop.of(event.correlationId(), name, HOP_KIND, startedAt, Hops.since(startedAt))
                        .forEvent(event.id(), event.type()).withDetail(outcome + (isReplay(record.getBody()) ? " (replay)" : "")));
                }
                LOG.debug("{} handled {} {}", name, event.type(), event.id());
                return null;
            });
        }));
    }

    /**
     * The envelope from an SQS body holding an EventBridge event (or a bare envelope, e.g. a redriven one). A replayed
     * event's detail carries {@code "replay": true} beside the envelope; it is the same event (same id), so it parses
     * to the same envelope and idempotent consumers skip what they already did.
     */
    public static EventEnvelope envelopeOf(String body) {
        JsonNode node = Json.tree(body);
        JsonNode detail = node.has("detail-type") ? node.get("detail") : node;
        if (detail instanceof ObjectNode object && object.has(REPLAY)) {
            detail = object.deepCopy();
            ((ObjectNode) detail).remove(REPLAY);
        }
        return EventEnvelope.fromTree(detail);
    }

    /** True when the SQS body holds a replayed event ({@code POST /admin/replay}). */
    public static boolean isReplay(String body) {
        JsonNode node = Json.tree(body);
        JsonNode detail = node.has("detail-type") ? node.get("detail") : node;
        return detail.path(REPLAY).asBoolean(false);
    }

    static final String REPLAY = "replay";

    /** agent / notification / consumer, by the function's service (POWERTOOLS_SERVICE_NAME in the template). */
    private static final HopKind HOP_KIND = HopKind.ofConsumerService(System.getenv("POWERTOOLS_SERVICE_NAME"));
}
