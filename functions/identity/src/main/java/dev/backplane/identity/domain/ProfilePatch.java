// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import dev.backplane.core.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PATCH /me as a JSON merge patch: a field present with a string sets it, present with null clears it (the handle
 * cannot be cleared), absent leaves it alone. {@code changes} maps field name to the new value (null = cleared).
 */
public record ProfilePatch(Map<String, String> changes) {
    public static final int MAX_DISPLAY_NAME = 80;
    public static final int MAX_BIO = 500;
    public static final int MAX_AVATAR_URL = 500;
    public static final Set<String> FIELDS = Set.of("displayName", "handle", "bio", "avatarUrl");

    public ProfilePatch {
        changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** Validates a parsed JSON object, naming every bad field at once (422). */
    public static ProfilePatch of(Map<String, Object> body) {
        ValidationException.Collector errors = new ValidationException.Collector();
        Map<String, String> changes = new LinkedHashMap<>();
        body.forEach((field, raw) -> {
            if (!FIELDS.contains(field)) {
                errors.check(false, field, "unknown field; allowed: displayName, handle, bio, avatarUrl");
                return;
            }
            if (raw != null && !(raw instanceof String)) {
                errors.check(false, field, "must be a string or null");
                return;
            }
            String value = (String) raw;
            switch (field) {
                case "handle" -> {
                    value = value == null ? null : value.toLowerCase(Locale.ROOT);
                    errors.check(Handles.isValid(value), field, "3-30 characters of a-z, 0-9 and _");
                }
                case "displayName" -> {
                    value = value == null ? null : value.strip();
                    String rule = value == null ? null : DisplayText.nameProblem(value);
                    errors.check(value == null || (!value.isEmpty() && length(value) <= MAX_DISPLAY_NAME),
                        field, "1-" + MAX_DISPLAY_NAME + " characters, or null to clear");
                    errors.check(rule == null, field, rule);
                }
                case "bio" -> {
                    String rule = value == null ? null : DisplayText.freeTextProblem(value);
                    errors.check(value == null || length(value) <= MAX_BIO, field, "at most " + MAX_BIO + " characters, or null to clear");
                    errors.check(rule == null, field, rule);
                }
                default -> errors.check(value == null || AvatarUrls.isPublicHttps(value), field,
                    "an https URL of at most " + MAX_AVATAR_URL + " characters on a public host name (no IP addresses, "
                        + "localhost or internal names), or null to clear");
            }
            changes.put(field, "bio".equals(field) && value != null && value.isBlank() ? null : value);
        });
        errors.throwIfAny();
        return new ProfilePatch(changes);
    }

    private static int length(String s) { return s.codePointCount(0, s.length()); }
}
