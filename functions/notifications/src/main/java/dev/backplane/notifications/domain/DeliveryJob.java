package dev.backplane.notifications.domain;

import tools.jackson.databind.JsonNode;

/**
 * One notification to one external channel (email, a webhook, Slack), as it travels on the delivery queue.
 * {@code attempt} is the number of attempts already made; a message with a stale attempt is a duplicate.
 */
public record DeliveryJob(String key, String eventId, String eventType, String userId, String channel, String webhookId,
                          String title, String body, String link, JsonNode data, String correlationId, int attempt) {
    public DeliveryJob next() {
        return new DeliveryJob(key, eventId, eventType, userId, channel, webhookId, title, body, link, data, correlationId, attempt + 1);
    }

    public static String keyOf(String eventId, String userId, Channel channel, String webhookId) {
        return eventId + "#" + userId + "#" + channel.id() + (webhookId == null ? "" : "#" + webhookId);
    }
}
