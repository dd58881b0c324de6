// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.store;

import dev.backplane.core.error.FieldError;
import dev.backplane.core.http.HttpProblemException;
import dev.backplane.core.store.Items;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The admin search cursor: base64url of "{handle}/{userId}" of the last user shown. Only the handle and id travel
 * (never table key names); a cursor outside the searched prefix is refused.
 */
final class HandleCursor {
    private HandleCursor() {}

    static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) return null;
        String handle = Items.str(lastKey, "gsi1sk");
        String userId = Items.str(lastKey, "pk").substring("USER#".length());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((handle + "/" + userId).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor, String prefix) {
        if (cursor == null) return null;
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int slash = plain.indexOf('/');
            String handle = plain.substring(0, slash);
            String userId = plain.substring(slash + 1);
            if (!handle.startsWith(prefix) || userId.isEmpty()) throw new IllegalArgumentException("cursor outside the prefix");
            return Map.of("gsi1pk", Items.s(UserItems.SEARCH_PARTITION), "gsi1sk", Items.s(handle),
                "pk", Items.s(UserItems.userPk(userId)), "sk", Items.s(UserItems.PROFILE));
        } catch (RuntimeException e) {
            throw new HttpProblemException(400, "invalid-cursor", "Invalid cursor", "cursor is not one this listing returned",
                List.of(new FieldError("cursor", "use the nextCursor of the previous page")));
        }
    }
}
