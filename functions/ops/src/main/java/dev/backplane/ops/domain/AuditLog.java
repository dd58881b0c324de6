package dev.backplane.ops.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;

/** Port: operator actions become {@code ops.*} events (through the outbox), so they are audited like everything else. */
public interface AuditLog {
    void record(NewEvent event, Trace trace);
}
