package dev.backplane.billing.store;

import dev.backplane.core.error.FieldError;
import dev.backplane.core.http.HttpProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Opaque ledger cursor: base64url of the last entry's sort key; it only ever resumes the caller's own partition. */
final class LedgerCursor {
    private LedgerCursor() {}

    static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) return null;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.get("sk").s().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor, String pk) {
        if (cursor == null) return null;
        try {
            String sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!sk.startsWith(CreditWrites.ENTRY_PREFIX) || sk.length() > 200) throw new IllegalArgumentException("not a ledger cursor");
            // the partition comes from the caller, never from the cursor: a cursor cannot open someone else's ledger
            return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
        } catch (RuntimeException e) {
            throw new HttpProblemException(400, "invalid-cursor", "Invalid cursor", "cursor is not one this listing returned",
                List.of(new FieldError("cursor", "use the nextCursor of the previous page")));
        }
    }
}
