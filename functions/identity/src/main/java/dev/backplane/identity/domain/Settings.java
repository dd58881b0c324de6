// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import dev.backplane.core.error.ValidationException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A user's private settings (PUT /me/settings replaces them whole). {@code notifications} is a placeholder map. */
public record Settings(String theme, String locale, String timezone, Map<String, Boolean> notifications) {
    public static final Set<String> THEMES = Set.of("light", "dark", "system");
    public static final Settings DEFAULTS = new Settings("system", "en", "UTC", Map.of());
    static final int MAX_NOTIFICATION_KEYS = 50;
    private static final Pattern NOTIFICATION_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public Settings {
        notifications = notifications == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notifications));
    }

    /** Checks every field (422 naming each bad one) and returns the settings with the locale in canonical form. */
    public Settings validated() {
        ValidationException.Collector errors = new ValidationException.Collector();
        errors.check(theme != null && THEMES.contains(theme), "theme", "one of light, dark, system");
        String canonicalLocale = canonicalLocale(locale);
        errors.check(canonicalLocale != null, "locale", "a BCP 47 language tag such as en, en-GB or pt-BR");
        errors.check(isZone(timezone), "timezone", "an IANA time zone such as Europe/Paris or UTC");
        errors.check(notifications.size() <= MAX_NOTIFICATION_KEYS, "notifications", "at most " + MAX_NOTIFICATION_KEYS + " entries");
        notifications.forEach((key, on) -> errors.check(NOTIFICATION_KEY.matcher(key).matches() && on != null,
            "notifications." + key, "keys of 1-64 letters, digits, '_', '.', '-' with true/false values"));
        errors.throwIfAny();
        return new Settings(theme, canonicalLocale, timezone, notifications);
    }

    /** A well-formed BCP 47 tag with a language (not "und"), e.g. "en-gb" becomes "en-GB"; null when invalid. */
    static String canonicalLocale(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) return null;
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            return locale.getLanguage().isEmpty() ? null : locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    /** IANA region ids and UTC only; fixed offsets like "+02:00" are not time zones a user lives in. */
    static boolean isZone(String id) {
        if (id == null || id.length() > 64) return false;
        try {
            ZoneId zone = ZoneId.of(id);
            return id.equals("UTC") || ZoneId.getAvailableZoneIds().contains(zone.getId());
        } catch (DateTimeException e) {
            return false;
        }
    }
}
