package dev.backplane.devstack.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature scheme: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + payload)>}.
 * Public so tests can sign their own payloads (a valid signature cannot be a static fixture: it expires).
 */
public final class WebhookSignature {
    private WebhookSignature() {}

    public static String header(String secret, String payload, long timestampSeconds) {
        return "t=" + timestampSeconds + ",v1=" + hmac(secret, timestampSeconds + "." + payload);
    }

    public static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
