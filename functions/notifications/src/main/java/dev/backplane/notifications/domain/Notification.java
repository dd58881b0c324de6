package dev.backplane.notifications.domain;

import java.time.Instant;

/** An in-app notification: what the bell and the notifications page show. */
public record Notification(String id, String userId, String eventId, String eventType, String title, String body,
                           String link, Instant createdAt, Instant readAt) {
    public boolean unread() { return readAt == null; }
}
