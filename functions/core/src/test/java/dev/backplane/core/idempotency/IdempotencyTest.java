package dev.backplane.core.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backplane.core.store.DynamoIdempotencyStore;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Against DynamoDB Local with the template's table. */
class IdempotencyTest {
    private final DynamoIdempotencyStore store = new DynamoIdempotencyStore(LocalDynamo.client(), LocalDynamo.newAppTable());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Idempotency idempotency = new Idempotency(store, Duration.ofHours(1), clock);
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void sameKeyAndPayloadRunsOnceAndReplaysTheResult() {
        assertEquals("r1", idempotency.execute("k1", "body", Duration.ofSeconds(30), () -> "r" + runs.incrementAndGet()));
        assertEquals("r1", idempotency.execute("k1", "body", Duration.ofSeconds(30), () -> "r" + runs.incrementAndGet()));
        assertEquals(1, runs.get());
    }

    @Test
    void sameKeyWithAnotherPayloadIsRejected() {
        idempotency.execute("k2", "body-a", Duration.ofSeconds(30), () -> "a");
        assertThrows(IdempotencyKeyReusedException.class,
            () -> idempotency.execute("k2", "body-b", Duration.ofSeconds(30), () -> "b"));
    }

    @Test
    void failureReleasesTheKeySoARetryRunsAgain() {
        assertThrows(IllegalStateException.class, () -> idempotency.execute("k3", "body", Duration.ofSeconds(30), () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("ok", idempotency.execute("k3", "body", Duration.ofSeconds(30), () -> "ok"));
    }

    @Test
    void concurrentRepeatIsInProgressUntilTheLockExpires() {
        assertThrows(IdempotencyInProgressException.class, () -> idempotency.execute("k4", "body", Duration.ofSeconds(30),
            () -> idempotency.execute("k4", "body", Duration.ofSeconds(30), () -> "inner")));
        // the outer run failed with the inner's exception and released; a crashed run instead keeps its lock:
        store.tryClaim("k5", Idempotency.sha256("body"), clock.instant().plusSeconds(3600), clock.instant().plusSeconds(30), clock.instant());
        assertThrows(IdempotencyInProgressException.class, () -> idempotency.execute("k5", "body", Duration.ofSeconds(30), () -> "x"));
        clock.advance(Duration.ofSeconds(31));
        assertEquals("x", idempotency.execute("k5", "body", Duration.ofSeconds(30), () -> "x"));
    }

    @Test
    void expiredRecordsDoNotReplay() {
        idempotency.execute("k6", "body", Duration.ofSeconds(30), () -> "old");
        clock.advance(Duration.ofHours(2));
        assertEquals("new", idempotency.execute("k6", "body", Duration.ofSeconds(30), () -> "new"));
    }

    @Test
    void onceRunsAConsumerActionOncePerKey() {
        idempotency.once("event-1", Duration.ofSeconds(30), runs::incrementAndGet);
        idempotency.once("event-1", Duration.ofSeconds(30), runs::incrementAndGet);
        assertEquals(1, runs.get());
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) { now = start; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public Instant instant() { return now; }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    }
}
