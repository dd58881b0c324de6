package dev.backplane.devstack.lambda;

import java.time.Duration;

/**
 * When functions last finished an invocation. Table writes come from functions, so a stream poller waiting for
 * records wakes as soon as an invocation ends instead of sleeping its full idle interval, and polls briskly while
 * invocations keep coming (a write's record is then picked up within a few milliseconds).
 */
public final class InvocationActivity {
    /** Busy interval: how long after an invocation pollers keep polling briskly. */
    static final Duration RECENT = Duration.ofSeconds(2);
    private long lastNanos = System.nanoTime() - RECENT.toNanos() * 2;
    private long generation;

    synchronized void invocationEnded() {
        lastNanos = System.nanoTime();
        generation++;
        notifyAll();
    }

    /**
     * Waits until an invocation ends or {@code idle} passes; while invocations were recent, waits at most
     * {@code busy}. An interrupt (devstack stopping) ends the wait and stays set.
     */
    public synchronized void await(Duration busy, Duration idle) {
        long seen = generation;
        boolean recent = System.nanoTime() - lastNanos < RECENT.toNanos();
        long end = System.nanoTime() + (recent ? busy : idle).toNanos();
        try {
            while (generation == seen) {
                long left = end - System.nanoTime();
                if (left <= 0) return;
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
