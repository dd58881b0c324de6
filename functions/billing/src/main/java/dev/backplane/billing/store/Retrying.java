package dev.backplane.billing.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Optimistic concurrency loop: read, write conditionally on what was read, and on losing a race read again.
 * Jittered backoff spreads contending writers (20 concurrent spends settle in a few rounds).
 */
final class Retrying {
    static final int MAX_ATTEMPTS = 40;

    /** Thrown by an attempt that lost a race and may simply be run again. */
    static final class LostRace extends RuntimeException {
        LostRace() { super(null, null, false, false); }
    }

    private Retrying() {}

    static <T> T untilSettled(Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (LostRace e) {
                if (i == MAX_ATTEMPTS) throw new IllegalStateException("still contended after " + MAX_ATTEMPTS + " attempts");
                sleep(ThreadLocalRandom.current().nextLong(2, 10 + 5L * Math.min(i, 10)));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
