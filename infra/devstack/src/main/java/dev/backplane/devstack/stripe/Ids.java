package dev.backplane.devstack.stripe;

import java.security.SecureRandom;

/** Stripe-looking ids: prefix + 24 random alphanumerics ({@code cs_test_…}, {@code pi_…}, {@code evt_…}). */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private Ids() {}

    static String random() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 24; i++) s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return s.toString();
    }

    static String of(String prefix) { return prefix + random(); }
}
