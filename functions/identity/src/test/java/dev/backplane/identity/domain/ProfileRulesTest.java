// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.error.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pure rules: handles, profile patches, settings, roles. */
class ProfileRulesTest {
    @Test
    void handles() {
        assertTrue(Handles.isValid("abc"));
        assertTrue(Handles.isValid("a".repeat(30)));
        assertFalse(Handles.isValid("ab"));
        assertFalse(Handles.isValid("a".repeat(31)));
        assertFalse(Handles.isValid("Alice"));
        assertFalse(Handles.isValid("al-ice"));
        assertEquals("jose_maria", Handles.suggest("José María"));
        assertEquals("alice", Handles.suggest("alice@example.com"));
        assertEquals("user_x", Handles.suggest("x"));
        assertEquals("user", Handles.suggest(null));
        assertEquals(25, Handles.suggest("a".repeat(60)).length());
        String alt = Handles.alternative("a".repeat(30), 123456);
        assertTrue(Handles.isValid(alt), alt);
        assertTrue(alt.endsWith("_123456"));
    }

    @Test
    void patchSetsClearsAndNormalizes() {
        Map<String, Object> body = new HashMap<>();
        body.put("handle", "New_Handle");
        body.put("displayName", "  Alice  ");
        body.put("bio", "");
        body.put("avatarUrl", null);
        ProfilePatch patch = ProfilePatch.of(body);
        assertEquals("new_handle", patch.changes().get("handle"));
        assertEquals("Alice", patch.changes().get("displayName"));
        assertNull(patch.changes().get("bio"));
        assertTrue(patch.changes().containsKey("avatarUrl"));
    }

    @Test
    void patchLimits() {
        assertEquals(1, errors(Map.of("displayName", "x".repeat(81))));
        assertEquals(0, errors(Map.of("displayName", "x".repeat(80))));
        assertEquals(0, errors(Map.of("displayName", "😀".repeat(80)))); // counted in characters, not UTF-16 units
        assertEquals(1, errors(Map.of("displayName", "bell\u0007")));
        assertEquals(1, errors(Map.of("bio", "b".repeat(501))));
        assertEquals(0, errors(Map.of("bio", "line one\nline two")));
        assertEquals(1, errors(Map.of("avatarUrl", "http://example.com/a.png")));
        assertEquals(1, errors(Map.of("avatarUrl", "https://user:pw@example.com/a.png")));
        assertEquals(1, errors(Map.of("avatarUrl", "https:///nohost")));
        assertEquals(1, errors(Map.of("avatarUrl", "https://example.com/" + "a".repeat(481))));
        assertEquals(0, errors(Map.of("avatarUrl", "https://example.com/" + "a".repeat(480))));
        assertEquals(1, errors(Map.of("handle", 42)));
        assertEquals(1, errors(Map.of("email", "x@example.com")));
    }

    @Test
    void settings() {
        Settings ok = new Settings("dark", "en-gb", "Europe/Paris", Map.of("digest", true)).validated();
        assertEquals("en-GB", ok.locale());
        assertEquals(0, settingsErrors(new Settings("light", "zh-Hant-TW", "UTC", null)));
        assertEquals(1, settingsErrors(new Settings("light", "und", "UTC", null)));
        assertEquals(1, settingsErrors(new Settings("light", "en_US", "UTC", null)));
        assertEquals(1, settingsErrors(new Settings("light", "en", "+02:00", null)));
        assertEquals(1, settingsErrors(new Settings("light", "en", "Europe/Nowhere", null)));
        assertEquals(3, settingsErrors(new Settings(null, null, null, null)));
        Map<String, Boolean> many = new HashMap<>();
        for (int i = 0; i < 51; i++) many.put("k" + i, true);
        assertEquals(1, settingsErrors(new Settings("light", "en", "UTC", many)));
        assertEquals(1, settingsErrors(new Settings("light", "en", "UTC", Map.of("bad key!", true))));
    }

    @Test
    void roles() {
        assertEquals(List.of("user"), Roles.fromClaims(List.of("staff")));
        assertEquals(List.of("admin"), Roles.fromClaims(List.of("admin", "offline_access")));
        assertEquals(List.of("user", "admin"), Roles.assignable(List.of("user", "admin", "user")));
        assertThrows(ValidationException.class, () -> Roles.assignable(List.of()));
        assertThrows(ValidationException.class, () -> Roles.assignable(List.of("service")));
        assertTrue(Roles.onlyService(List.of("service")));
        assertFalse(Roles.onlyService(List.of("service", "admin")));
    }

    private static int errors(Map<String, Object> body) {
        try {
            ProfilePatch.of(body);
            return 0;
        } catch (ValidationException e) {
            return e.errors().size();
        }
    }

    private static int settingsErrors(Settings s) {
        try {
            s.validated();
            return 0;
        } catch (ValidationException e) {
            return e.errors().size();
        }
    }
}
