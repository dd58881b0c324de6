package dev.backplane.notifications.domain;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.Trace;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Turns one domain event into notifications: the rule table says for whom and what; each recipient's preferences
 * say on which channels. In-app is stored at once (once per event and user); external channels become delivery
 * jobs, each delivered at most once (the delivery record is keyed by event, user and channel). Also keeps the
 * recipient projection (email, admin role) from identity's events.
 */
public final class FanOut {
    private final NotificationStore store;
    private final DeliveryQueue queue;
    private final Clock clock;

    public FanOut(NotificationStore store, DeliveryQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    /** Returns how many notifications (in-app + delivery jobs) this event produced. */
    public int accept(EventEnvelope event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "user.registered" -> {
                String userId = data.path("userId").asString(null);
                if (userId != null) store.saveRecipient(new Recipient(userId, data.path("email").asString(null),
                    userId.equals(event.actor().userId()) ? event.actor().roles() : List.of()));
                return 0;
            }
            case "user.roles_assigned" -> {
                String userId = data.path("userId").asString(null);
                if (userId == null) return 0;
                List<String> roles = new ArrayList<>();
                data.path("roles").forEach(r -> roles.add(r.asString("")));
                Recipient known = store.recipient(userId).orElse(new Recipient(userId, null, List.of()));
                store.saveRecipient(new Recipient(userId, known.email(), roles));
                return 0;
            }
            default -> { }
        }
        var rule = NotificationRules.forEvent(event.type());
        if (rule.isEmpty()) return 0;
        List<String> recipients = rule.get().audience() == NotificationRules.Audience.ADMINS ? store.admins()
            : data.path("userId").isString() ? List.of(data.path("userId").asString()) : List.of();
        NotificationRules.Rendered text = rule.get().render(data);
        Trace trace = Trace.causedBy(event, Actor.SYSTEM);
        int produced = 0;
        for (String userId : recipients) {
            Preferences prefs = store.preferences(userId);
            if (prefs.enabled(event.type(), Channel.IN_APP)) {
                Notification n = new Notification(idOf(event.id(), userId), userId, event.id(), event.type(), text.title(),
                    text.body(), text.link(), clock.instant(), null);
                if (store.createInApp(n, NotificationEvents.created(n, store.unreadCount(userId) + 1), trace)) produced++;
            }
            var recipient = store.recipient(userId);
            if (prefs.enabled(event.type(), Channel.EMAIL) && recipient.map(Recipient::email).filter(e -> !e.isBlank()).isPresent()) {
                queue.send(job(event, userId, Channel.EMAIL, null, text), 0);
                produced++;
            }
            for (Webhook w : store.webhooks(userId)) {
                if (!prefs.enabled(event.type(), w.channel())) continue;
                queue.send(job(event, userId, w.channel(), w.id(), text), 0);
                produced++;
            }
        }
        return produced;
    }

    private static DeliveryJob job(EventEnvelope event, String userId, Channel channel, String webhookId, NotificationRules.Rendered text) {
        return new DeliveryJob(DeliveryJob.keyOf(event.id(), userId, channel, webhookId), event.id(), event.type(), userId,
            channel.id(), webhookId, text.title(), text.body(), text.link(), event.data(), event.correlationId(), 0);
    }

    /** The same event for the same user always gives the same notification id (redelivery, replay). */
    static String idOf(String eventId, String userId) {
        return "ntf_" + UUID.nameUUIDFromBytes((eventId + "|" + userId).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
