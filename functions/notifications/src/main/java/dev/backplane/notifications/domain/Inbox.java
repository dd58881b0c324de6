package dev.backplane.notifications.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.NotFoundException;
import java.util.Map;

/** A user's in-app notifications and preferences. Only the owner ever sees a notification (404 otherwise). */
public final class Inbox {
    private static final int READ_ALL_PAGE = 100;
    private final NotificationStore store;

    public Inbox(NotificationStore store) { this.store = store; }

    public record Listing(Page<Notification> page, long unreadCount) {}

    public Listing list(Caller caller, int limit, String cursor) {
        return new Listing(store.list(caller.userId(), limit, cursor), store.unreadCount(caller.userId()));
    }

    public Notification read(Caller caller, String id) {
        Notification n = store.find(caller.userId(), id).orElseThrow(() -> new NotFoundException("notification", id));
        store.markRead(n);
        return store.find(caller.userId(), id).orElse(n);
    }

    /** Marks every unread notification read; returns how many were unread. */
    public int readAll(Caller caller) {
        int read = 0;
        while (true) {
            var unread = store.list(caller.userId(), READ_ALL_PAGE, null).items().stream().filter(Notification::unread).toList();
            if (unread.isEmpty()) return read;
            unread.forEach(store::markRead);
            read += unread.size();
        }
    }

    public Map<String, Map<String, Boolean>> preferences(Caller caller) { return store.preferences(caller.userId()).matrix(); }

    public Map<String, Map<String, Boolean>> updatePreferences(Caller caller, Map<String, Map<String, Boolean>> update) {
        Preferences next = store.preferences(caller.userId()).merge(update);
        store.savePreferences(caller.userId(), next);
        return next.matrix();
    }
}
