// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import dev.backplane.core.event.Trace;
import dev.backplane.identity.domain.Identity;
import dev.backplane.identity.domain.User;
import dev.backplane.identity.domain.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorizer's view of users: the stored user (registered on first sight) cached for a short time, so a warm
 * authorizer does not read the table on every call, while a suspension takes effect within the TTL.
 */
final class KnownUsers {
    static final int MAX_ENTRIES = 10_000;
    private final UserService users;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(User user, Instant expiresAt) {}

    KnownUsers(UserService users, Duration ttl, Clock clock) {
        this.users = users;
        this.ttl = ttl;
        this.clock = clock;
    }

    User lookup(Identity identity, Trace trace) {
        Instant now = clock.instant();
        Cached cached = cache.get(identity.userId());
        if (cached != null && cached.expiresAt().isAfter(now)) return cached.user();
        User user = users.ensureRegistered(identity, trace);
        if (cache.size() >= MAX_ENTRIES) cache.clear(); // crude bound; a warm Lambda rarely sees this many users in 30 s
        cache.put(identity.userId(), new Cached(user, now.plus(ttl)));
        return user;
    }
}
