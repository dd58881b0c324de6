package dev.backplane.chat.domain;

/** A provider-independent token estimate (about 4 characters per token) for quotas and reservations before a call. */
public final class Tokens {
    private Tokens() {}

    public static long estimate(String text) { return text == null ? 0 : Math.max(1, (text.length() + 3) / 4); }
}
