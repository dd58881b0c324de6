package dev.backplane.core.auth;

import dev.backplane.core.event.Actor;
import java.util.List;

/** The authenticated user behind a request, as established by the API Gateway authorizer. */
public record Caller(String userId, String email, List<String> roles) {
    public static final String ADMIN = "admin";

    public Caller {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean isAdmin() { return roles.contains(ADMIN); }

    public Actor actor() { return new Actor(userId, roles); }
}
