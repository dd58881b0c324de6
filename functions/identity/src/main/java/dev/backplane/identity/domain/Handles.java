// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Public handles: lower-case {@code [a-z0-9_]{3,30}}, unique across users (see {@code UserStore}). */
public final class Handles {
    public static final Pattern VALID = Pattern.compile("[a-z0-9_]{3,30}");
    public static final int MAX = 30;

    private Handles() {}

    public static boolean isValid(String handle) { return handle != null && VALID.matcher(handle).matches(); }

    /**
     * A first handle for a new user, derived from what the identity provider calls them (preferred username,
     * e-mail local part): accents stripped, other characters turned into '_', padded to the minimum length.
     */
    public static String suggest(String hint) {
        String base = hint == null ? "" : hint;
        int at = base.indexOf('@');
        if (at >= 0) base = base.substring(0, at);
        base = Normalizer.normalize(base, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (base.length() > MAX - 5) base = base.substring(0, MAX - 5);
        if (base.length() < 3) base = "user" + (base.isEmpty() ? "" : "_" + base);
        return base;
    }

    /** The n-th alternative when a suggested handle is taken: base_1234 (random digits keep collisions rare). */
    public static String alternative(String base, int randomDigits) {
        String suffix = "_" + randomDigits;
        String head = base.length() + suffix.length() > MAX ? base.substring(0, MAX - suffix.length()) : base;
        return head + suffix;
    }
}
