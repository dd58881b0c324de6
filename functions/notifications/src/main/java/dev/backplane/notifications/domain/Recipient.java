package dev.backplane.notifications.domain;

import java.util.List;

/** What notifications knows of a user, from identity's events: where to email and whether they are an admin. */
public record Recipient(String userId, String email, List<String> roles) {
    public Recipient {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean isAdmin() { return roles.contains("admin"); }
}
