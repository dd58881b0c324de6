package dev.backplane.billing.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.backplane.billing.domain.StripeNotice;
import dev.backplane.core.http.HttpProblemException;
import dev.backplane.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Verifies {@code Stripe-Signature} (HMAC-SHA256 over {@code t.payload} with the endpoint secret) with Stripe's own
 * {@link Webhook.Signature#verifyHeader}, and the timestamp within the tolerance on both sides (the SDK only bounds the
 * past: a future-dated signature would stay replayable until its time came); a missing or wrong signature is a 400
 * before any state is touched. The verified payload is then read as plain JSON, so events of any Stripe API version
 * are understood. A verified payload that is not a usable event (not JSON, no id, type or {@code data.object}) is
 * not a signature problem — answering 400 would make Stripe retry it for days — so it becomes a broken
 * {@link StripeNotice}, keyed by its event id or, without a usable one, by the payload's digest.
 */
public final class StripeSignature {
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.]{1,128}");
    static final String UNKNOWN_TYPE = "unknown";
    /** Latest epoch second of year 9999: {@code created} beyond it is not a time. */
    private static final long LATEST_CREATED = 253_402_300_799L;
    private final Supplier<String> endpointSecret;
    private final Duration tolerance;
    private final Clock clock;

    public StripeSignature(Supplier<String> endpointSecret, Duration tolerance, Clock clock) {
        this.endpointSecret = endpointSecret;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public StripeNotice verify(String body, String signatureHeader) {
        String payload = body == null ? "" : body;
        if (signatureHeader == null || signatureHeader.isBlank() || signatureHeader.length() > 1024) throw rejected("missing Stripe-Signature header");
        if (!timestampWithinTolerance(signatureHeader)) throw rejected("signature does not match or timestamp is outside the tolerance");
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, endpointSecret.get(), tolerance.toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw rejected("signature does not match or timestamp is outside the tolerance");
        } catch (RuntimeException e) {
            throw rejected("malformed Stripe-Signature header");
        }
        return notice(payload);
    }

    /** The verified payload as an event, or a broken notice saying what makes it unusable. */
    static StripeNotice notice(String payload) {
        JsonNode event;
        try {
            event = Json.tree(payload);
        } catch (RuntimeException e) {
            return StripeNotice.broken(digestKey(payload), UNKNOWN_TYPE, "payload is not JSON");
        }
        if (event == null || !event.isObject()) return StripeNotice.broken(digestKey(payload), UNKNOWN_TYPE, "payload is not a JSON object");
        String id = event.path("id").isString() ? event.path("id").asString() : null;
        String type = event.path("type").isString() ? event.path("type").asString() : null;
        boolean usableId = id != null && EVENT_ID.matcher(id).matches();
        boolean usableType = type != null && EVENT_TYPE.matcher(type).matches();
        String key = usableId ? id : digestKey(payload);
        String recordedType = usableType ? type : UNKNOWN_TYPE;
        if (id == null) return StripeNotice.broken(key, recordedType, "event has no id");
        if (!usableId) return StripeNotice.broken(key, recordedType, "event id is not Stripe's");
        if (type == null) return StripeNotice.broken(key, recordedType, "event has no type");
        if (!usableType) return StripeNotice.broken(key, recordedType, "event type is not Stripe's");
        JsonNode object = event.path("data").path("object");
        if (!object.isObject()) return StripeNotice.broken(key, recordedType, "event has no data.object");
        Boolean livemode = event.path("livemode").isBoolean() ? event.path("livemode").asBoolean() : null;
        JsonNode created = event.path("created");
        long at = created.isIntegralNumber() && created.canConvertToLong() && created.asLong() >= 0 && created.asLong() <= LATEST_CREATED
            ? created.asLong() : 0;
        return new StripeNotice(id, type, Instant.ofEpochSecond(at), object, livemode);
    }

    /** Stands in for a missing or unusable event id: a redelivery of the same payload gets the same key. */
    static String digestKey(String payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return "unidentified_" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
