package dev.backplane.ops.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admin reads of other users' data (event search, traces) are audited like operator actions: one {@code ops.admin_read}
 * event per answered read — which admin, which route, what they asked for, when — through the same outbox, so it is on
 * the bus and searchable in the event store by the admin's user id. Refused reads (403, 400, 422) record nothing.
 */
public final class AdminReads {
    public static final String EVENT_TYPE = "ops.admin_read";
    private final AuditLog audit;
    private final Clock clock;

    public AdminReads(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code route}: e.g. {@code GET /admin/events}; {@code what}: the query or the id that was read. */
    public void record(Caller admin, String route, Map<String, Object> what, int returned, Trace trace) {
        DeadLetterService.requireAdmin(admin);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("adminId", admin.userId());
        data.put("route", route);
        data.put("query", what);
        data.put("returned", returned);
        data.put("readAt", clock.instant().toString());
        audit.record(NewEvent.of(EVENT_TYPE, new Subject("admin", admin.userId()), data), trace);
    }
}
