package dev.backplane.billing.domain;

import dev.backplane.core.json.Json;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A webhook event whose signature was verified: Stripe's event id, type, creation time, {@code data.object} and the
 * event's {@code livemode} (null when absent). Field reads are typed: a field present with the wrong JSON type is
 * an {@link UnusableStripeEvent}, never a silent coercion or a crash. A signed payload that is not a usable event
 * envelope (no id, type or {@code data.object}) is a notice with a {@code defect}: it is rejected, never acted on.
 */
public record StripeNotice(String eventId, String type, Instant created, JsonNode object, Boolean livemode, String defect) {
    public StripeNotice(String eventId, String type, Instant created, JsonNode object, Boolean livemode) {
        this(eventId, type, created, object, livemode, null);
    }

    public StripeNotice(String eventId, String type, Instant created, JsonNode object) { this(eventId, type, created, object, null, null); }

    /** A signed payload we cannot read as an event; {@code key} stands in for its event id (the same payload, the same key). */
    public static StripeNotice broken(String key, String type, String defect) {
        return new StripeNotice(key, type, Instant.EPOCH, Json.object(), null, defect);
    }

    public String text(String field) { return text(object.get(field), field); }

    public long amount(String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return 0;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new UnusableStripeEvent(field + " is not a non-negative integer amount");
        }
        return v.asLong();
    }

    /** A boolean of the object; null when absent. */
    public Boolean flag(String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw new UnusableStripeEvent(field + " is not a boolean");
        return v.asBoolean();
    }

    public String metadata(String key) {
        JsonNode metadata = object.get("metadata");
        if (metadata == null || metadata.isNull()) return null;
        if (!metadata.isObject()) throw new UnusableStripeEvent("metadata is not an object");
        String value = text(metadata.get(key), "metadata." + key);
        return value == null || value.isBlank() ? null : value;
    }

    private static String text(JsonNode v, String field) {
        if (v == null || v.isNull()) return null;
        if (!v.isString()) throw new UnusableStripeEvent(field + " is not a string");
        return v.asString();
    }
}
