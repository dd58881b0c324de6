package dev.backplane.ops.relay;

import dev.backplane.core.observability.Observability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under the stream path: outbox items older than {@code olderThan} were not relayed (the relay's
 * retry budget ran out, the stream mapping was disabled, a delete failed…) and are published again with the same
 * envelope — consumers de-duplicate by event id. Bounded per run; each item is claimed for the run, so overlapping
 * runs do not publish it twice. Reports the age of the oldest waiting item as {@code OutboxBacklogAge} (seconds).
 */
public final class OutboxSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSweeper.class);
    static final Duration CLAIM = Duration.ofMinutes(2);
    private final EventBusPublisher publisher;
    private final OutboxItems outbox;
    private final Clock clock;

    public OutboxSweeper(EventBusPublisher publisher, OutboxItems outbox, Clock clock) {
        this.publisher = publisher;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What one run did; {@code backlogAgeSeconds} is measured before the run (what the alarm watches). */
    public record Result(int found, int claimed, int relayed, int failed, long backlogAgeSeconds) {}

    public Result sweep(Duration olderThan, int maxItems) {
        Instant now = clock.instant();
        long backlogAge = outbox.oldest().map(at -> Math.max(0, Duration.between(at, now).toSeconds())).orElse(0L);
        Observability.millis("OutboxBacklogAge", backlogAge * 1000.0);
        List<OutboxItems.Waiting> stale = outbox.committedBefore(now.minus(olderThan), maxItems);
        List<OutboxItems.Waiting> claimed = stale.stream().filter(w -> outbox.claim(w.pk(), now, now.plus(CLAIM))).toList();
        List<OutboxItems.Waiting> failed = publisher.publish(claimed, OutboxItems.Waiting::event, false);
        List<OutboxItems.Waiting> relayed = claimed.stream().filter(w -> !failed.contains(w)).toList();
        outbox.deleteAll(relayed.stream().map(OutboxItems.Waiting::pk).toList());
        failed.forEach(w -> outbox.release(w.pk()));
        Observability.count("OutboxSwept", relayed.size());
        Result result = new Result(stale.size(), claimed.size(), relayed.size(), failed.size(), backlogAge);
        if (!stale.isEmpty()) LOG.warn("outbox sweep: {}", result);
        return result;
    }
}
