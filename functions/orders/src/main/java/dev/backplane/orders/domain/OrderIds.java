package dev.backplane.orders.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/** Order ids: "ord_" + time-ordered base36 millis + random suffix (sortable, unguessable enough to not enumerate). */
public final class OrderIds implements Supplier<String> {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private final Clock clock;

    public OrderIds(Clock clock) { this.clock = clock; }

    @Override
    public String get() {
        StringBuilder id = new StringBuilder("ord_").append(Long.toString(clock.millis(), 36));
        for (int i = 0; i < 10; i++) id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return id.toString();
    }
}
