package dev.backplane.notifications.domain;

import java.util.Locale;
import java.util.Optional;

/** Where a notification goes. In-app is stored and pushed live; the others leave the system and are retried. */
public enum Channel {
    IN_APP, EMAIL, WEBHOOK, SLACK;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<Channel> of(String id) {
        for (Channel c : values()) if (c.id().equals(id)) return Optional.of(c);
        return Optional.empty();
    }

    public boolean external() { return this != IN_APP; }
}
