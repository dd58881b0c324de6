package dev.backplane.chat.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Per provider, per function instance: after {@code threshold} failed replies in a row the provider is skipped for
 * {@code cooldown} (replies fail at once with a retry hint instead of waiting on a provider that is down); then one
 * trial call is let through, and its success closes the breaker again.
 */
public final class CircuitBreaker {
    private final int threshold;
    private final Duration cooldown;
    private final Clock clock;
    private int failures;
    private Instant openUntil = Instant.MIN;

    public CircuitBreaker(int threshold, Duration cooldown, Clock clock) {
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** Seconds until a call may be tried again; 0 when calls may go through. */
    public synchronized long openForSeconds() {
        Instant now = clock.instant();
        return now.isBefore(openUntil) ? Math.max(1, Duration.between(now, openUntil).toSeconds()) : 0;
    }

    public synchronized void succeeded() {
        failures = 0;
        openUntil = Instant.MIN;
    }

    public synchronized void failed() {
        if (++failures >= threshold) openUntil = clock.instant().plus(cooldown);
    }
}
