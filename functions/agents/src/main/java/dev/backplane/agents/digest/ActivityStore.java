package dev.backplane.agents.digest;

import dev.backplane.agents.kernel.Decision;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.time.LocalDate;
import java.util.List;

/** Port: the digest agent's projection (per user and day) and the digests it produced. */
public interface ActivityStore {
    /** Counts the activity once per event id (a redelivered event counts nothing). */
    void count(String eventId, Activity activity);

    /** Users with any activity on {@code day}, a page at a time. */
    Page active(LocalDate day, String cursor, int limit);

    record Page(List<DayActivity> items, String nextCursor) {}

    /** Stores the digest of (user, day), its decision and events, unless that digest already exists (false then). */
    boolean recordDigest(DayActivity activity, Decision decision, List<NewEvent> events, Trace trace);
}
