package dev.backplane.ops.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.testing.RecordingEventBridge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Guards against the loss the stream path alone allows: an outbox item whose relay gave up stays in the table
 * until TTL. The sweeper must publish it (once, even with overlapping runs) and leave fresh items to the stream.
 */
class OutboxSweeperTest {
    private static final Duration AGE = Duration.ofSeconds(60);
    private final RecordingEventBridge bridge = new RecordingEventBridge();
    private final OutboxFixture outbox = new OutboxFixture(bridge);
    private final OutboxSweeper sweeper = new OutboxSweeper(outbox.publisher(), outbox.items(), Clock.systemUTC());
    private final Clock twoMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC);

    @AfterEach
    void stop() { bridge.close(); }

    @Test
    void relaysStaleItemsOnceAndLeavesFreshOnesToTheStream() {
        List<EventEnvelope> stale = outbox.write(12, twoMinutesAgo);
        List<EventEnvelope> fresh = outbox.write(2);

        OutboxSweeper.Result result = sweeper.sweep(AGE, 500);

        assertEquals(12, result.relayed());
        assertTrue(result.backlogAgeSeconds() >= 119, "backlog age measured before the run: " + result);
        assertEquals(ids(stale), publishedIds());
        stale.forEach(e -> assertTrue(outbox.waiting(e).isEmpty(), "swept item deleted"));
        fresh.forEach(e -> assertTrue(outbox.waiting(e).isPresent(), "fresh item left to the stream relay"));
        assertEquals(0, sweeper.sweep(AGE, 500).relayed(), "a second run finds nothing");
    }

    @Test
    void aFailedPublishKeepsTheItemsForTheNextRunWhichDeliversThem() {
        List<EventEnvelope> stale = outbox.write(4, twoMinutesAgo);
        bridge.rejectNext(1_000);
        OutboxSweeper.Result failed = sweeper.sweep(AGE, 500);
        assertEquals(4, failed.failed());
        stale.forEach(e -> assertTrue(outbox.waiting(e).isPresent()));

        bridge.rejectNext(0);
        assertEquals(4, sweeper.sweep(AGE, 500).relayed(), "released claims are taken again at once");
        assertEquals(ids(stale), publishedIds());
    }

    @Test
    void eachRunIsBounded() {
        outbox.write(25, twoMinutesAgo);
        assertEquals(10, sweeper.sweep(AGE, 10).relayed());
        assertEquals(10, sweeper.sweep(AGE, 10).relayed());
        assertEquals(5, sweeper.sweep(AGE, 10).relayed());
        assertEquals(25, bridge.accepted().size());
    }

    @Test
    void overlappingRunsPublishEachItemOnce() {
        outbox.write(30, twoMinutesAgo);
        var a = CompletableFuture.supplyAsync(() -> sweeper.sweep(AGE, 500));
        var b = CompletableFuture.supplyAsync(() -> sweeper.sweep(AGE, 500));
        assertEquals(30, a.join().relayed() + b.join().relayed());
        assertEquals(30, bridge.accepted().size(), "claimed by one run only");
    }

    private static Set<String> ids(List<EventEnvelope> events) { return events.stream().map(EventEnvelope::id).collect(Collectors.toSet()); }

    private Set<String> publishedIds() {
        return bridge.accepted().stream().map(e -> EventEnvelope.fromJson(e.get("Detail").asString()).id()).collect(Collectors.toSet());
    }
}
