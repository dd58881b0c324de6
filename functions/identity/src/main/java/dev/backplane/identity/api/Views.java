// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.api;

import dev.backplane.identity.domain.Page;
import dev.backplane.identity.domain.User;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of the identity API. The public view is the only one anonymous callers ever get. */
final class Views {
    record MeView(String id, String handle, String email, String displayName, String bio, String avatarUrl,
                  List<String> roles, Instant createdAt, Instant updatedAt) {}

    record PublicProfileView(String handle, String displayName, String bio, String avatarUrl, Instant joinedAt) {}

    record AdminUserView(String id, String handle, String email, String displayName, List<String> roles,
                         boolean rolesAssigned, String status, String suspendedReason, Instant createdAt, Instant updatedAt) {}

    record PageView<T>(List<T> items, String nextCursor) {}

    private Views() {}

    /** The caller's own profile; roles are those the authorizer resolved for this request. */
    static MeView me(User u, List<String> roles) {
        return new MeView(u.id(), u.handle(), u.email(), u.displayName(), u.bio(), u.avatarUrl(), roles, u.createdAt(), u.updatedAt());
    }

    static PublicProfileView publicProfile(User u) {
        return new PublicProfileView(u.handle(), u.displayName(), u.bio(), u.avatarUrl(), u.createdAt());
    }

    static AdminUserView admin(User u) {
        return new AdminUserView(u.id(), u.handle(), u.email(), u.displayName(), u.roles(), u.rolesAssigned(), u.status().name(),
            u.suspendedReason(), u.createdAt(), u.updatedAt());
    }

    static <T, V> PageView<V> page(Page<T> page, Function<T, V> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.nextCursor());
    }
}
