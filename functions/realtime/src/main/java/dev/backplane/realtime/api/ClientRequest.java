// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import dev.backplane.core.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A client's message, {@code {"action":"subscribe","topic":"order:123"}}, read defensively (size, shape). */
record ClientRequest(String action, String topic) {
    /** Control messages are tiny; anything bigger is a misuse (API Gateway itself allows 128 KB). */
    static final int MAX_BODY_CHARS = 4096;

    /** @throws IllegalArgumentException with a message that is safe to show the client */
    static ClientRequest parse(String body) {
        if (body == null || body.isBlank()) throw new IllegalArgumentException("message body is empty");
        if (body.length() > MAX_BODY_CHARS) throw new IllegalArgumentException("message is longer than " + MAX_BODY_CHARS + " characters");
        JsonNode node;
        try {
            node = Json.tree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("message must be a JSON object like {\"action\":\"ping\"}");
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("message must be a JSON object like {\"action\":\"ping\"}");
        return new ClientRequest(text(node, "action"), text(node, "topic"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
