package dev.backplane.chat.domain;

/**
 * The limits and prices of the assistant (configuration, docs/chat.md): message size, daily quota per user
 * (messages and tokens, reset at 00:00 UTC), credits per 1,000 tokens (0 = free), the reply's token budget, and how
 * many blocked messages raise an abuse flag.
 */
public record ChatPolicy(int maxMessageChars, int dailyMessages, long dailyTokens, long creditsPer1kTokens, int maxTokens,
                         int abuseThreshold, int historyMessages) {
    public static ChatPolicy defaults() { return new ChatPolicy(4000, 200, 200_000, 10, 1024, 3, 20); }

    /** Credits held while a reply is produced: enough for the longest reply plus the prompt, priced up front. */
    public long reservationFor(String text) {
        if (creditsPer1kTokens == 0) return 0;
        return costOf(Tokens.estimate(text) + maxTokens + 500);
    }

    /** What {@code tokens} cost, rounded up to a whole credit (a reply always costs at least one when not free). */
    public long costOf(long tokens) {
        if (creditsPer1kTokens == 0 || tokens <= 0) return creditsPer1kTokens == 0 ? 0 : 1;
        return Math.max(1, (tokens * creditsPer1kTokens + 999) / 1000);
    }
}
