// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backplane.core.error.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Display names once took right-to-left overrides, zero-width characters and mixed-script look-alikes; avatarUrl took
 * internal hosts (169.254.169.254, 127.0.0.1). Each is refused, naming the field and the rule.
 */
class ProfileInputAttackTest {
    private static ValidationException refused(String field, String value) {
        return assertThrows(ValidationException.class, () -> ProfilePatch.of(Map.of(field, value)), field + "=" + value);
    }

    @Test
    void namesRefuseInvisibleReorderingAndLookAlikeCharacters() {
        for (String name : List.of("Alice\u202Eevil", "Al\u200Bice", "Al\u200Dice", "\u2066Alice\u2069", "Ali\u0000ce", "Ali\u0007ce",
            "Alice\u2028Bob", "\uE000Alice", "Bad \uFFFD text", "\u0430dmin", "Pay\u03C1al", "\u3164", "Alice\u061C")) {
            ValidationException e = refused("displayName", name);
            assertEquals("displayName", e.errors().getFirst().field());
        }
        for (String name : List.of("Alice Example", "Zoë O'Brien", "Дмитрий Иванов", "山田 太郎", "Ελένη", "Alice 😀", "José-María")) {
            assertEquals(name, ProfilePatch.of(Map.of("displayName", name)).changes().get("displayName"));
        }
        assertNull(DisplayText.nameProblem("Alice Иванова")); // two words, two scripts: a person, not a look-alike
    }

    @Test
    void bioKeepsLinesAndEmojiButRefusesControlsAndOverrides() {
        assertEquals("line one\nline two 👨‍👩‍👧", ProfilePatch.of(Map.of("bio", "line one\nline two 👨‍👩‍👧")).changes().get("bio"));
        for (String bio : List.of("evil\u202Etxt.exe", "bell\u0007", "bad \uFFFD byte", "a\u2067b")) refused("bio", bio);
    }

    @Test
    void handlesAreAsciiSoNoConfusableFits() {
        for (String handle : List.of("\u0430lice", "alice\u200B", "ａｌｉｃｅ", "al\u0131ce")) refused("handle", handle);
    }

    @Test
    void avatarUrlsOnlyHttpsToPublicHostNames() {
        for (String url : List.of("https://169.254.169.254/latest/meta-data/", "https://127.0.0.1/a.png", "https://10.0.0.5/a.png",
            "https://[::1]/a.png", "https://[fd00::1]/a.png", "https://2130706433/a.png", "https://0x7f.1/a.png", "https://127.1/a.png",
            "https://localhost/a.png", "https://cdn.localhost/a.png", "https://metadata.google.internal/a.png", "https://printer.local/a.png",
            "https://intranet/a.png", "https://example.com:8443/a.png", "http://example.com/a.png", "https://user@example.com/a.png",
            "https://exa mple.com/a.png", "file:///etc/passwd", "https://10.0.0.5./a.png")) {
            if (AvatarUrls.isPublicHttps(url)) throw new AssertionError("accepted " + url);
        }
        for (String url : List.of("https://cdn.example.com/avatars/a.png", "https://images.example.org:443/a.png?s=64", "https://xn--bcher-kva.example/a.png")) {
            if (!AvatarUrls.isPublicHttps(url)) throw new AssertionError("refused " + url);
        }
        assertEquals("avatarUrl", refused("avatarUrl", "https://169.254.169.254/").errors().getFirst().field());
    }
}
