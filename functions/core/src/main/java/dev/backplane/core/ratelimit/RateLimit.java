package dev.backplane.core.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket: at most {@code capacity} requests at once, refilled at {@code capacity} per {@code period}.
 * Written as {@code 100/10s}, {@code 30/1m} or {@code 5/1h}.
 */
public record RateLimit(int capacity, Duration period) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,7})/(\\d{1,6})([smh])");

    public RateLimit {
        if (capacity < 1) throw new IllegalArgumentException("rate limit capacity must be >= 1");
        if (period.toMillis() < capacity) throw new IllegalArgumentException("rate limit period too short for its capacity");
    }

    public static RateLimit parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) throw new IllegalArgumentException("rate limit '" + text + "' is not of the form <capacity>/<n>[s|m|h]");
        long n = Long.parseLong(m.group(2));
        Duration period = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        return new RateLimit(Integer.parseInt(m.group(1)), period);
    }

    /** Time one token takes to refill (GCRA's emission interval). */
    public long intervalMillis() { return period.toMillis() / capacity; }

    /** How far ahead of now the bucket's schedule may run before it is empty. */
    public long burstMillis() { return intervalMillis() * (capacity - 1L); }

    @Override
    public String toString() { return capacity + "/" + period.toSeconds() + "s"; }
}
