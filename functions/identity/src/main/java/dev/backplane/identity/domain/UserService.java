// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.ConflictException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Self-service use cases: registration on first sight, own profile and settings, public profiles. */
public final class UserService {
    static final int HANDLE_ATTEMPTS = 6;
    private final UserStore store;
    private final Clock clock;

    public UserService(UserStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The user behind a verified identity, registered on first sight (emits {@code user.registered}). Idempotent and
     * safe under concurrent first calls: the user item's existence condition decides who registers.
     */
    public User ensureRegistered(Identity identity, Trace trace) {
        Optional<User> existing = store.find(identity.userId());
        if (existing.isPresent()) return existing.get();
        String base = Handles.suggest(identity.usernameHint() != null ? identity.usernameHint() : identity.email());
        for (int attempt = 0; attempt < HANDLE_ATTEMPTS; attempt++) {
            String handle = attempt == 0 ? base : Handles.alternative(base, ThreadLocalRandom.current().nextInt(1000, 1_000_000));
            User user = User.register(identity, handle, clock.instant());
            switch (store.register(user, UserEvents.registered(user), trace)) {
                case CREATED -> { return user; }
                case USER_EXISTS -> { return store.find(identity.userId()).orElseThrow(); }
                case HANDLE_TAKEN -> { /* try another handle */ }
            }
        }
        throw new ConflictException("handle-exhausted", "could not find a free handle for a new user; retry");
    }

    public User me(Caller caller, Trace trace) { return ensureRegistered(identityOf(caller), trace); }

    /** Applies a PATCH /me; emits {@code user.profile_updated} with the fields that really changed (none: no write). */
    public User updateProfile(Caller caller, ProfilePatch patch, Trace trace) {
        User current = me(caller, trace);
        Map<String, String> next = new LinkedHashMap<>();
        next.put("handle", current.handle());
        next.put("displayName", current.displayName());
        next.put("bio", current.bio());
        next.put("avatarUrl", current.avatarUrl());
        Map<String, String> changed = new LinkedHashMap<>();
        patch.changes().forEach((field, value) -> {
            if (!Objects.equals(next.get(field), value)) changed.put(field, value);
            next.put(field, value);
        });
        if (changed.isEmpty()) return current;
        User updated = current.withProfile(next.get("handle"), next.get("displayName"), next.get("bio"), next.get("avatarUrl"), clock.instant());
        store.replace(current, updated, UserEvents.profileUpdated(updated, changed), trace);
        return updated;
    }

    public Settings settings(Caller caller) { return store.settings(caller.userId()).orElse(Settings.DEFAULTS); }

    public Settings replaceSettings(Caller caller, Settings settings, Trace trace) {
        Settings valid = settings.validated();
        me(caller, trace);
        store.saveSettings(caller.userId(), valid);
        return valid;
    }

    /** An active user's public profile; unknown, malformed and suspended handles all look the same (404). */
    public User publicProfile(String handle) {
        String normalized = handle.toLowerCase(java.util.Locale.ROOT);
        return (Handles.isValid(normalized) ? store.findByHandle(normalized) : Optional.<User>empty())
            .filter(u -> !u.isSuspended()).orElseThrow(() -> new NotFoundException("user", handle));
    }

    private static Identity identityOf(Caller caller) { return new Identity(caller.userId(), caller.email(), null, caller.roles()); }
}
