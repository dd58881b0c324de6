package dev.backplane.core.event;

import java.util.List;

/** Who caused an event: a user (with roles) or the system itself. */
public record Actor(String userId, List<String> roles) {
    public static final Actor SYSTEM = new Actor("system", List.of("system"));

    public Actor {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
