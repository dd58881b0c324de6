package dev.backplane.notifications.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;

/** The events notifications emits (docs/events.md). {@code notification.created} is pushed live to {@code user:{id}}. */
public final class NotificationEvents {
    public static final String SOURCE = "backplane.notifications";

    public record Created(String notificationId, String userId, String channel, String eventId, String eventType,
                          String title, String body, String link, long unreadCount) {}

    public record Delivery(String notificationId, String userId, String channel, String eventId, int attempt, String error) {}

    private NotificationEvents() {}

    public static NewEvent created(Notification n, long unreadCount) {
        return NewEvent.of("notification.created", new Subject("notification", n.id()), new Created(n.id(), n.userId(),
            Channel.IN_APP.id(), n.eventId(), n.eventType(), n.title(), n.body(), n.link(), unreadCount));
    }

    public static NewEvent delivered(DeliveryJob job, int attempt) {
        return NewEvent.of("notification.delivered", new Subject("notification", job.key()),
            new Delivery(job.key(), job.userId(), job.channel(), job.eventId(), attempt, null));
    }

    public static NewEvent failed(DeliveryJob job, int attempt, String error) {
        return NewEvent.of("notification.failed", new Subject("notification", job.key()),
            new Delivery(job.key(), job.userId(), job.channel(), job.eventId(), attempt, error));
    }
}
