// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.json.Json;
import java.nio.charset.StandardCharsets;

/** Server → client control messages: {@code pong}, subscription acknowledgements and errors. */
public final class Replies {
    public static final String FORBIDDEN_TOPIC = "forbidden_topic";
    public static final String BAD_REQUEST = "bad_request";
    public static final String TOO_MANY_SUBSCRIPTIONS = "too_many_subscriptions";
    public static final String RATE_LIMITED = "rate_limited";

    private Replies() {}

    public static byte[] pong() { return bytes(Json.object().put("type", "pong")); }

    public static byte[] subscribed(Topic topic) { return bytes(Json.object().put("type", "subscribed").put("topic", topic.value())); }

    public static byte[] unsubscribed(Topic topic) { return bytes(Json.object().put("type", "unsubscribed").put("topic", topic.value())); }

    public static byte[] error(String code, String message) {
        return bytes(Json.object().put("type", "error").put("code", code).put("message", message));
    }

    /** The last frame before the server closes the connection: why, and when the client may reconnect. */
    public static byte[] closing(String code, String message, long retryAfterSeconds) {
        return bytes(Json.object().put("type", "error").put("code", code).put("message", message).put("closing", true)
            .put("retryAfterSeconds", retryAfterSeconds));
    }

    private static byte[] bytes(Object node) { return Json.write(node).getBytes(StandardCharsets.UTF_8); }
}
