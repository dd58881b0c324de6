package dev.backplane.agents.digest;

import dev.backplane.agents.kernel.Decision;
import dev.backplane.agents.kernel.DecisionClock;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts each user's day from the events it consumes, and once a day turns every active user's day into a
 * {@code digest.created}. Users with nothing to report get nothing; a second run for the same day finds every
 * digest already written and produces none (one digest per user per day).
 */
public final class DigestAgent {
    public static final String NAME = "digest";
    public static final String VERSION = "digest-1";
    private static final int PAGE = 100;
    private final ActivityStore store;
    private final Clock clock;

    public record Created(String userId, String date, String summary, Map<String, Long> counts) {}

    public DigestAgent(ActivityStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void observe(EventEnvelope event) {
        var data = event.data();
        String userId = data.path("userId").asString(null);
        LocalDate day = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
        Activity.of(event.type(), userId, day, data.path("amount").asLong(0)).ifPresent(a -> store.count(event.id(), a));
    }

    /** Builds the digests of {@code day}; returns how many were created by this run. */
    public int digest(LocalDate day, String runId) {
        int created = 0;
        String cursor = null;
        do {
            ActivityStore.Page page = store.active(day, cursor, PAGE);
            for (DayActivity activity : page.items()) {
                if (!activity.worthReporting()) continue;
                DecisionClock timer = new DecisionClock(clock);
                String summary = activity.summary();
                Map<String, Object> inputs = new LinkedHashMap<>(activity.counts());
                Decision decision = timer.decided(NAME, VERSION, List.of(runId + ":" + activity.userId()), inputs,
                    Map.of("userId", activity.userId(), "date", day.toString(), "summary", summary), List.of("activity on " + day));
                NewEvent event = NewEvent.of("digest.created", new Subject("user", activity.userId()),
                    new Created(activity.userId(), day.toString(), summary, activity.counts()));
                Trace trace = new Trace(Trace.mintId(), runId, Actor.SYSTEM);
                if (store.recordDigest(activity, decision, List.of(event), trace)) created++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return created;
    }
}
