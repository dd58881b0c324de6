package dev.backplane.billing.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.backplane.billing.domain.StripeNotice;
import dev.backplane.core.http.HttpProblemException;
import dev.backplane.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Verifies {@code Stripe-Signature} (HMAC-SHA256 over {@code t.payload} with the endpoint secret, timestamp within the
 * tolerance) with Stripe's own {@link Webhook#constructEvent}; anything else is a 400 before any state is touched.
 * The payload is then read as plain JSON, so events of any Stripe API version are understood.
 */
public final class StripeSignature {
    private final Supplier<String> endpointSecret;
    private final Duration tolerance;
    private final Clock clock;

    public StripeSignature(Supplier<String> endpointSecret, Duration tolerance, Clock clock) {
        this.endpointSecret = endpointSecret;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public StripeNotice verify(String payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank() || signatureHeader.length() > 1024) throw rejected("missing Stripe-Signature header");
        try {
            Webhook.constructEvent(payload, signatureHeader, endpointSecret.get(), tolerance.toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw rejected("signature does not match or timestamp is outside the tolerance");
        } catch (RuntimeException e) {
            throw rejected("payload is not a Stripe event"); // e.g. JSON that fails Stripe's own parsing
        }
        JsonNode event = Json.tree(payload);
        String id = event.path("id").asString(null);
        String type = event.path("type").asString(null);
        JsonNode object = event.path("data").path("object");
        if (id == null || type == null || !object.isObject()) throw rejected("event lacks id, type or data.object");
        return new StripeNotice(id, type, Instant.ofEpochSecond(event.path("created").asLong(0)), object);
    }

    private static HttpProblemException rejected(String detail) {
        return new HttpProblemException(400, "invalid-signature", "Invalid webhook signature", detail);
    }
}
