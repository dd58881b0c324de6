package dev.backplane.chat.store;

import dev.backplane.core.error.FieldError;
import dev.backplane.core.http.HttpProblemException;
import dev.backplane.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Opaque cursors over chat listings: base64url of the last key, valid only for the partition it came from. */
final class ChatCursors {
    private ChatCursors() {}

    static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) return null;
        Map<String, String> plain = new LinkedHashMap<>();
        lastKey.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor, String partitionAttribute, String partition) {
        if (cursor == null) return null;
        try {
            Map<?, ?> plain = Json.read(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), Map.class);
            if (!partition.equals(plain.get(partitionAttribute)) || plain.size() > 4) throw new IllegalArgumentException("foreign cursor");
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((k, v) -> key.put(String.valueOf(k), AttributeValue.fromS(String.valueOf(v))));
            return key;
        } catch (RuntimeException e) {
            throw new HttpProblemException(400, "invalid-cursor", "Invalid cursor", "cursor is not one this listing returned",
                List.of(new FieldError("cursor", "use the nextCursor of the previous page")));
        }
    }
}
