package dev.backplane.notifications.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.util.List;
import java.util.Optional;

/** Port: everything notifications stores (its own items only; other domains reach it through events). */
public interface NotificationStore {
    Optional<Recipient> recipient(String userId);

    void saveRecipient(Recipient recipient);

    List<String> admins();

    Preferences preferences(String userId);

    void savePreferences(String userId, Preferences preferences);

    List<Webhook> webhooks(String userId);

    /** Adds the webhook unless the user already has {@code max}; false then. */
    boolean addWebhook(Webhook webhook, int max);

    boolean deleteWebhook(String userId, String webhookId);

    /** Stores the in-app notification and its event once per (event, user); false if it already exists. */
    boolean createInApp(Notification notification, NewEvent created, Trace trace);

    Page<Notification> list(String userId, int limit, String cursor);

    long unreadCount(String userId);

    Optional<Notification> find(String userId, String notificationId);

    /** Marks it read (and the unread count down) if it was unread. */
    void markRead(Notification notification);

    /** Delivery record of {@code key}, created as pending (no attempts) if absent. */
    Delivery delivery(String key, String userId, String channel);

    /** Takes attempt {@code attempt + 1} of a pending delivery; false if another worker (or a duplicate) has it. */
    boolean claim(String key, int attempt);

    /** Appends the attempt; {@code finalStatus} (delivered/failed) closes the delivery, with its event. */
    void recordAttempt(String key, Attempt attempt, String finalStatus, NewEvent event, Trace trace);

    record Delivery(String key, String userId, String channel, String status, int attempt, List<Attempt> attempts) {}
}
