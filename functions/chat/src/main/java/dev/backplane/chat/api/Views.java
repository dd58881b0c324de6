package dev.backplane.chat.api;

import dev.backplane.chat.domain.ChatMessage;
import dev.backplane.chat.domain.Conversation;
import dev.backplane.chat.domain.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** JSON views of chat resources (field names are the API contract: openapi.yaml). */
final class Views {
    private Views() {}

    record PageView<V>(List<V> items, String nextCursor) {}

    static <T, V> PageView<V> page(Page<T> page, Function<T, V> view) { return new PageView<>(page.items().stream().map(view).toList(), page.nextCursor()); }

    static Map<String, Object> conversation(Conversation c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("title", c.title());
        v.put("createdAt", c.createdAt().toString());
        v.put("topic", "conversation:" + c.id());
        return v;
    }

    static Map<String, Object> message(ChatMessage m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id());
        v.put("role", m.role().name().toLowerCase(java.util.Locale.ROOT));
        v.put("text", m.text());
        v.put("status", m.status().name().toLowerCase(java.util.Locale.ROOT));
        if (m.reason() != null) v.put("reason", m.reason());
        v.put("at", m.at().toString());
        if (m.role() == ChatMessage.Role.ASSISTANT) {
            v.put("tokensIn", m.tokensIn());
            v.put("tokensOut", m.tokensOut());
        }
        return v;
    }
}
