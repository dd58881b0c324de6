// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.store;

import dev.backplane.core.store.Items;
import dev.backplane.identity.domain.Settings;
import dev.backplane.identity.domain.User;
import dev.backplane.identity.domain.UserStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The identity items of the application table (docs/identity.md):
 * profile {@code USER#<id> / PROFILE} (also in gsi1 under {@code USERS}, sorted by handle, for admin search),
 * settings {@code USER#<id> / SETTINGS}, handle reservation {@code HANDLE#<handle> / HANDLE} holding the owner's id.
 */
final class UserItems {
    static final String PROFILE = "PROFILE";
    static final String SETTINGS = "SETTINGS";
    static final String HANDLE = "HANDLE";
    /** All profiles share one gsi1 partition: admin search is rare and small; user writes are rare too. */
    static final String SEARCH_PARTITION = "USERS";

    private UserItems() {}

    static String userPk(String userId) { return "USER#" + userId; }

    static String handlePk(String handle) { return "HANDLE#" + handle; }

    static Map<String, AttributeValue> profileKey(String userId) { return Items.key(userPk(userId), PROFILE); }

    static Map<String, AttributeValue> handleKey(String handle) { return Items.key(handlePk(handle), HANDLE); }

    static Map<String, AttributeValue> profile(User u) {
        return Items.map().put("pk", userPk(u.id())).put("sk", PROFILE).put("userId", u.id()).put("handle", u.handle())
            .put("email", u.email()).put("displayName", u.displayName()).put("bio", u.bio()).put("avatarUrl", u.avatarUrl())
            .put("roles", Items.list(u.roles())).put("rolesAssigned", AttributeValue.fromBool(u.rolesAssigned()))
            .put("status", u.status().name()).put("suspendedReason", u.suspendedReason())
            .put("createdAt", u.createdAt().toString()).put("updatedAt", u.updatedAt().toString()).put("version", u.version())
            .put("gsi1pk", SEARCH_PARTITION).put("gsi1sk", u.handle()).build();
    }

    static User user(Map<String, AttributeValue> item) {
        AttributeValue assigned = item.get("rolesAssigned");
        return new User(Items.str(item, "userId"), Items.str(item, "handle"), Items.str(item, "email"),
            Items.str(item, "displayName"), Items.str(item, "bio"), Items.str(item, "avatarUrl"), Items.strings(item, "roles"),
            assigned != null && Boolean.TRUE.equals(assigned.bool()), UserStatus.valueOf(Items.str(item, "status")),
            Items.str(item, "suspendedReason"), Instant.parse(Items.str(item, "createdAt")),
            Instant.parse(Items.str(item, "updatedAt")), Items.num(item, "version"));
    }

    static Map<String, AttributeValue> handleClaim(String handle, String userId, Instant now) {
        return Items.map().put("pk", handlePk(handle)).put("sk", HANDLE).put("userId", userId).put("claimedAt", now.toString()).build();
    }

    static Map<String, AttributeValue> settings(String userId, Settings s, Instant now) {
        Map<String, AttributeValue> notifications = new LinkedHashMap<>();
        s.notifications().forEach((k, v) -> notifications.put(k, AttributeValue.fromBool(v)));
        return Items.map().put("pk", userPk(userId)).put("sk", SETTINGS).put("theme", s.theme()).put("locale", s.locale())
            .put("timezone", s.timezone()).put("notifications", AttributeValue.fromM(notifications))
            .put("updatedAt", now.toString()).build();
    }

    static Settings settings(Map<String, AttributeValue> item) {
        Map<String, Boolean> notifications = new LinkedHashMap<>();
        AttributeValue raw = item.get("notifications");
        if (raw != null && raw.hasM()) raw.m().forEach((k, v) -> notifications.put(k, v.bool()));
        return new Settings(Items.str(item, "theme"), Items.str(item, "locale"), Items.str(item, "timezone"), notifications);
    }
}
