// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.Set;

/**
 * What people may write where others read it. Names refuse every invisible or reordering character — controls,
 * format characters (bidi overrides and isolates, zero-width space/joiners), surrogates, private-use and unassigned
 * code points, line separators, U+FFFD — and words that mix Latin, Cyrillic or Greek letters (look-alikes such as a
 * Cyrillic "а" in "аdmin"). Free text (bio) keeps newlines, tabs and emoji joiners, but not controls or bidi
 * overrides. Handles are ASCII by {@link Handles#VALID}, so no confusable can exist in them.
 */
public final class DisplayText {
    private static final Set<UnicodeScript> LOOK_ALIKE_SCRIPTS = EnumSet.of(UnicodeScript.LATIN, UnicodeScript.CYRILLIC, UnicodeScript.GREEK);

    private DisplayText() {}

    /** Null when the name is acceptable, otherwise the rule it breaks. */
    public static String nameProblem(String name) {
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (invisible(c)) return "no control, invisible or direction-changing characters (U+" + String.format("%04X", c) + ")";
        }
        for (String word : name.split("\\s+")) {
            Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
            word.codePoints().filter(Character::isLetter).mapToObj(UnicodeScript::of).filter(LOOK_ALIKE_SCRIPTS::contains).forEach(scripts::add);
            if (scripts.size() > 1) return "a word mixes " + scripts + " letters (look-alike characters)";
        }
        return null;
    }

    /** Null when free text is acceptable, otherwise the rule it breaks. */
    public static String freeTextProblem(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean control = Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
            if (control || bidi(c) || c == 0xFFFD || Character.getType(c) == Character.SURROGATE || c == 0x2028 || c == 0x2029) {
                return "no control or direction-changing characters (U+" + String.format("%04X", c) + ")";
            }
        }
        return null;
    }

    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
            || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
            || c == 0xFFFD || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0; // Hangul fillers render blank
    }

    private static boolean bidi(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
