// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a client receives for a domain event: {@code {type, topic, eventId, correlationId, data, sentAt}}. The
 * {@code eventId} lets clients drop the rare duplicate of at-least-once delivery.
 */
public record PushMessage(String type, String topic, String eventId, String correlationId, JsonNode data, String sentAt) {
    /** API Gateway rejects WebSocket frames over 128 KB; keep headroom. Bigger data is replaced by a refetch hint. */
    public static final int MAX_BYTES = 120 * 1024;

    public static PushMessage of(EventEnvelope event, Topic topic, Instant now) {
        return new PushMessage(event.type(), topic.value(), event.id(), event.correlationId(), event.data(), now.toString());
    }

    public byte[] toBytes() {
        byte[] bytes = Json.write(this).getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) return bytes;
        ObjectNode hint = Json.object().put("truncated", true);
        return Json.write(new PushMessage(type, topic, eventId, correlationId, hint, sentAt)).getBytes(StandardCharsets.UTF_8);
    }
}
