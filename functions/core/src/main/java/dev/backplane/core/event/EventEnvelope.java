package dev.backplane.core.event;

import dev.backplane.core.json.Json;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The envelope every Backplane event travels in (also the EventBridge {@code detail}); see docs/events.md.
 * {@code type} is {@code <aggregate>.<past-tense verb>}; adding a data field is compatible, changing one bumps version.
 */
public record EventEnvelope(String id, String type, int version, String source, Instant occurredAt,
                            String correlationId, String causationId, Actor actor, Subject subject, JsonNode data) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");
    private static final Pattern SOURCE = Pattern.compile("backplane\\.[a-z][a-z0-9_-]*");
    /** EventBridge accepts 256 KB per entry; keep headroom for the EventBridge wrapper. */
    public static final int MAX_BYTES = 200 * 1024;

    public EventEnvelope {
        require(id, "id");
        checkType(type);
        if (version < 1) throw new IllegalArgumentException("event version must be >= 1");
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("event source must look like backplane.<domain>, got " + source);
        }
        require(occurredAt, "occurredAt");
        require(correlationId, "correlationId");
        require(causationId, "causationId");
        require(actor, "actor");
        require(subject, "subject");
        if (data == null || !data.isObject()) throw new IllegalArgumentException("event data must be a JSON object");
    }

    public static EventEnvelope wrap(NewEvent event, String source, Trace trace, Instant now) {
        return new EventEnvelope(UUID.randomUUID().toString(), event.type(), event.version(), source, now,
            trace.correlationId(), trace.causationId(), trace.actor(), event.subject(), Json.toTree(event.data()));
    }

    public static void checkType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type must be <aggregate>.<past_tense_verb>, got " + type);
        }
    }

    public String toJson() {
        String json = Json.write(this);
        if (json.length() > MAX_BYTES) {
            throw new IllegalArgumentException("event " + type + " is " + json.length() + " bytes, over the " + MAX_BYTES + " limit");
        }
        return json;
    }

    public static EventEnvelope fromJson(String json) { return Json.read(json, EventEnvelope.class); }

    public static EventEnvelope fromTree(JsonNode node) { return Json.convert(node, EventEnvelope.class); }

    public <T> T dataAs(Class<T> type) { return Json.convert(data, type); }

    private static void require(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException("event " + field + " is required");
        }
    }
}
