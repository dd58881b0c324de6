// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.util.List;

/** Admin use cases; every one demands the admin role (403 otherwise) before touching anything. */
public final class UserAdministration {
    public static final int MAX_REASON = 500;
    private final UserStore store;
    private final Clock clock;

    public UserAdministration(UserStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Page<User> search(Caller admin, String prefix, int limit, String cursor) {
        requireAdmin(admin);
        String normalized = prefix == null ? "" : prefix.toLowerCase(java.util.Locale.ROOT);
        if (!normalized.matches("[a-z0-9_]{0,30}")) throw ValidationException.of("prefix", "0-30 characters of a-z, 0-9 and _");
        return store.searchByHandle(normalized, limit, cursor);
    }

    /** Sets the user's roles (a subset of user/admin); admins cannot drop their own admin role (no lock-out). */
    public User assignRoles(Caller admin, String userId, List<String> roles, Trace trace) {
        requireAdmin(admin);
        List<String> assigned = Roles.assignable(roles);
        if (admin.userId().equals(userId) && !assigned.contains(Roles.ADMIN)) {
            throw ValidationException.of("roles", "you cannot remove your own admin role");
        }
        User current = find(userId);
        if (current.rolesAssigned() && current.roles().equals(assigned)) return current;
        User next = current.withRoles(assigned, clock.instant());
        store.replace(current, next, UserEvents.rolesAssigned(next), trace);
        return next;
    }

    /** Suspends the user (emits {@code user.suspended}); suspending a suspended user changes nothing. */
    public User suspend(Caller admin, String userId, String reason, Trace trace) {
        requireAdmin(admin);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) throw ValidationException.of("reason", "1-" + MAX_REASON + " characters");
        if (admin.userId().equals(userId)) throw ValidationException.of("userId", "you cannot suspend yourself");
        User current = find(userId);
        if (current.isSuspended()) return current;
        User next = current.suspended(why, clock.instant());
        store.replace(current, next, UserEvents.suspended(next), trace);
        return next;
    }

    /**
     * Lifts a suspension (emits {@code user.reactivated}): the authorizer lets the user in again once its cache entry
     * expires. Reactivating an active user changes nothing.
     */
    public User reactivate(Caller admin, String userId, Trace trace) {
        requireAdmin(admin);
        User current = find(userId);
        if (!current.isSuspended()) return current;
        User next = current.reactivated(clock.instant());
        store.replace(current, next, UserEvents.reactivated(next), trace);
        return next;
    }

    private User find(String userId) { return store.find(userId).orElseThrow(() -> new NotFoundException("user", userId)); }

    /** Called first by the handlers too, so a non-admin learns nothing (403) even from a malformed request. */
    public static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) throw new ForbiddenException("this endpoint needs the admin role");
    }
}
