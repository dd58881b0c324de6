package dev.backplane.billing.domain;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A webhook event whose signature was verified: Stripe's event id, type, creation time and {@code data.object}. */
public record StripeNotice(String eventId, String type, Instant created, JsonNode object) {
    public String text(String field) {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    public long amount(String field) {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? 0 : v.asLong();
    }

    public String metadata(String key) {
        JsonNode v = object.path("metadata").get(key);
        return v == null || v.isNull() || v.asString().isBlank() ? null : v.asString();
    }
}
