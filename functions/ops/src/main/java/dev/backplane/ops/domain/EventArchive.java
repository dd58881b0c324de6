package dev.backplane.ops.domain;

import dev.backplane.core.event.EventEnvelope;
import java.util.List;

/** Port: every bus event, kept for a retention period and searchable by type, subject, user, chain and time. */
public interface EventArchive extends TraceStore {
    record Page(List<EventEnvelope> items, String nextCursor) {}

    /**
     * One page of matching events (oldest first within each partition searched); {@code cursor} from the previous page
     * of the same query by the same {@code reader} (the admin's user id), otherwise a 400 {@code invalid-cursor}.
     */
    Page find(EventQuery query, String reader, int limit, String cursor);
}
