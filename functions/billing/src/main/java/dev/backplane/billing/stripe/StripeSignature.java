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
 * Verifies {@code Stripe-Signature} (HMAC-SHA256 over {@code t.payload} with the endpoint secret) with Stripe's own
 * {@link Webhook#constructEvent}, and the timestamp within the tolerance on both sides (the SDK only bounds the past:
 * a future-dated signature would stay replayable until its time came); anything else is a 400 before any state is
 * touched. The payload is then read as plain JSON, so events of any Stripe API version are understood.
 */
public final class StripeSignature {
    private static final java.util.regex.Pattern EVENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,255}");
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
        if (!timestampWithinTolerance(signatureHeader)) throw rejected("signature does not match or timestamp is outside the tolerance");
        try {
            Webhook.constructEvent(payload, signatureHeader, endpointSecret.get(), tolerance.toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw rejected("signature does not match or timestamp is outside the tolerance");
        } catch (RuntimeException e) {
            throw rejected("payload is not a Stripe event"); // e.g. JSON that fails Stripe's own parsing
        }
        JsonNode event = Json.tree(payload);
        String id = event.path("id").isString() ? event.path("id").asString() : null;
        String type = event.path("type").isString() ? event.path("type").asString() : null;
        JsonNode object = event.path("data").path("object");
        if (id == null || type == null || !object.isObject()) throw rejected("event lacks id, type or data.object");
        if (!EVENT_ID.matcher(id).matches() || type.length() > 128) throw rejected("event id or type is not Stripe's");
        Boolean livemode = event.path("livemode").isBoolean() ? event.path("livemode").asBoolean() : null;
        long created = event.path("created").isIntegralNumber() ? event.path("created").asLong() : 0;
        return new StripeNotice(id, type, Instant.ofEpochSecond(created), object, livemode);
    }

    /** Every {@code t=} of the header within ±tolerance of now; a header without one fails. */
    private boolean timestampWithinTolerance(String header) {
        long now = clock.instant().getEpochSecond();
        boolean any = false;
        for (String part : header.split(",")) {
            String item = part.strip();
            if (!item.startsWith("t=")) continue;
            try {
                long t = Long.parseLong(item.substring(2));
                if (Math.abs(now - t) > tolerance.toSeconds()) return false;
                any = true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return any;
    }

    private static HttpProblemException rejected(String detail) {
        return new HttpProblemException(400, "invalid-signature", "Invalid webhook signature", detail);
    }
}
