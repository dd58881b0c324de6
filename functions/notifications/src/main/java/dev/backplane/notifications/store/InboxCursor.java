package dev.backplane.notifications.store;

import dev.backplane.core.error.FieldError;
import dev.backplane.core.http.HttpProblemException;
import dev.backplane.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Opaque inbox cursors: base64url of the last evaluated key, which must belong to the caller's own inbox. */
final class InboxCursor {
    private InboxCursor() {}

    static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) return null;
        Map<String, String> plain = new LinkedHashMap<>();
        lastKey.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor, String inbox) {
        if (cursor == null) return null;
        try {
            Map<?, ?> plain = Json.read(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), Map.class);
            if (!inbox.equals(plain.get("gsi1pk"))) throw new IllegalArgumentException("foreign cursor");
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((k, v) -> key.put(String.valueOf(k), AttributeValue.fromS(String.valueOf(v))));
            return key;
        } catch (RuntimeException e) {
            throw new HttpProblemException(400, "invalid-cursor", "Invalid cursor", "cursor is not one this listing returned",
                List.of(new FieldError("cursor", "use the nextCursor of the previous page")));
        }
    }
}
