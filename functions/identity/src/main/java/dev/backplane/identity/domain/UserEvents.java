// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import java.util.List;
import java.util.Map;

/** The events the identity domain emits (docs/identity.md). Data carries ids and changed values, never tokens. */
public final class UserEvents {
    public static final String SOURCE = "backplane.identity";

    public record Registered(String userId, String handle, String email) {}

    /** {@code changed}: field name to its new value (null when cleared). */
    public record ProfileUpdated(String userId, Map<String, String> changed) {}

    public record RolesAssigned(String userId, List<String> roles) {}

    public record Suspended(String userId, String reason) {}

    public record Reactivated(String userId) {}

    private UserEvents() {}

    public static NewEvent registered(User u) { return NewEvent.of("user.registered", subject(u), new Registered(u.id(), u.handle(), u.email())); }

    public static NewEvent profileUpdated(User u, Map<String, String> changed) {
        return NewEvent.of("user.profile_updated", subject(u), new ProfileUpdated(u.id(), changed));
    }

    public static NewEvent rolesAssigned(User u) { return NewEvent.of("user.roles_assigned", subject(u), new RolesAssigned(u.id(), u.roles())); }

    public static NewEvent suspended(User u) { return NewEvent.of("user.suspended", subject(u), new Suspended(u.id(), u.suspendedReason())); }

    public static NewEvent reactivated(User u) { return NewEvent.of("user.reactivated", subject(u), new Reactivated(u.id())); }

    private static Subject subject(User u) { return new Subject("user", u.id()); }
}
