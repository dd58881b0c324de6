// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import java.time.Instant;
import java.util.List;

/**
 * A user's profile. {@code roles} are what the identity provider granted at registration until an admin assigns
 * roles ({@code rolesAssigned}); from then on the assigned roles win over the token's claim (see docs/identity.md).
 */
public record User(String id, String handle, String email, String displayName, String bio, String avatarUrl,
                   List<String> roles, boolean rolesAssigned, UserStatus status, String suspendedReason,
                   Instant createdAt, Instant updatedAt, long version) {
    public User {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static User register(Identity identity, String handle, Instant now) {
        return new User(identity.userId(), handle, identity.email(), null, null, null, identity.roles(), false,
            UserStatus.ACTIVE, null, now, now, 1);
    }

    public boolean isSuspended() { return status == UserStatus.SUSPENDED; }

    /** The roles a request by this user carries: assigned ones if an admin set them, else the token's. */
    public List<String> effectiveRoles(List<String> tokenRoles) { return rolesAssigned ? roles : tokenRoles; }

    User withProfile(String handle, String displayName, String bio, String avatarUrl, Instant now) {
        return new User(id, handle, email, displayName, bio, avatarUrl, roles, rolesAssigned, status, suspendedReason,
            createdAt, now, version + 1);
    }

    User withRoles(List<String> assigned, Instant now) {
        return new User(id, handle, email, displayName, bio, avatarUrl, assigned, true, status, suspendedReason,
            createdAt, now, version + 1);
    }

    User reactivated(Instant now) {
        return new User(id, handle, email, displayName, bio, avatarUrl, roles, rolesAssigned, UserStatus.ACTIVE, null,
            createdAt, now, version + 1);
    }

    User suspended(String reason, Instant now) {
        return new User(id, handle, email, displayName, bio, avatarUrl, roles, rolesAssigned, UserStatus.SUSPENDED, reason,
            createdAt, now, version + 1);
    }
}
