package dev.backplane.core.store;

import dev.backplane.core.error.FieldError;
import dev.backplane.core.http.HttpProblemException;
import dev.backplane.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque, tamper-evident pagination cursors for every listing: {@code base64url(last key) "." base64url(HMAC-SHA256)},
 * the MAC taken over the key and a {@code binding} naming the caller and query (e.g. {@code "orders:USER#alice"}).
 * A cursor is accepted only by the listing, caller and query that issued it; anything else — garbage, an edited
 * key, another user's cursor — is a 400 {@code invalid-cursor} before DynamoDB sees it.
 *
 * <p>The key comes from {@code CURSOR_SIGNING_KEY}; a function without one does not start ({@link CursorSigningKey}).
 */
public final class PageCursor {
    public static final String KEY_VARIABLE = "CURSOR_SIGNING_KEY";
    static final int MAX_LENGTH = 2048;

    private PageCursor() {}

    /** The cursor for the page after {@code lastKey} (null when there is none). Only S and N attributes are keys. */
    public static String encode(Map<String, AttributeValue> lastKey, String binding) {
        if (lastKey == null || lastKey.isEmpty()) return null;
        Map<String, Map<String, String>> plain = new LinkedHashMap<>();
        lastKey.forEach((name, value) -> plain.put(name, value.n() != null ? Map.of("N", value.n()) : Map.of("S", value.s())));
        String payload = base64(Json.write(plain).getBytes(StandardCharsets.UTF_8));
        return payload + "." + base64(mac(binding, payload));
    }

    /** The exclusive start key a cursor stands for (null for no cursor); 400 invalid-cursor unless this listing issued it. */
    public static Map<String, AttributeValue> decode(String cursor, String binding) {
        if (cursor == null) return null;
        try {
            int dot = cursor.indexOf('.');
            if (cursor.length() > MAX_LENGTH || dot <= 0) throw invalid();
            String payload = cursor.substring(0, dot);
            byte[] given = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(binding, payload))) throw invalid();
            Map<?, ?> plain = Json.read(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8), Map.class);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((name, typed) -> {
                if (!(typed instanceof Map<?, ?> t) || t.size() != 1) throw invalid();
                Object s = t.get("S");
                Object n = t.get("N");
                if (s instanceof String str) key.put(String.valueOf(name), AttributeValue.fromS(str));
                else if (n instanceof String num) key.put(String.valueOf(name), AttributeValue.fromN(num));
                else throw invalid();
            });
            return key;
        } catch (HttpProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static byte[] mac(String binding, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(CursorSigningKey.current(), "HmacSHA256"));
            return mac.doFinal((binding + "\n" + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String base64(byte[] bytes) { return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); }

    /** The 400 {@code invalid-cursor} answer, for a listing that checks a decoded key further (e.g. its partition). */
    public static HttpProblemException invalidCursor() { return invalid(); }

    private static HttpProblemException invalid() {
        return new HttpProblemException(400, "invalid-cursor", "Invalid cursor", "cursor is not one this listing returned",
            List.of(new FieldError("cursor", "use the nextCursor of the previous page, unchanged")));
    }
}
