package dev.backplane.ops.domain;

import dev.backplane.core.error.ValidationException;
import dev.backplane.core.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A selection of archived events: any of types, subject ({@code kind:id}), user (actor or data {@code userId}),
 * correlation id, and a time range {@code [from, to)}. At least one of them narrows the search to a partition; a
 * query by time alone covers at most {@link #MAX_DAYS} days.
 */
public record EventQuery(List<String> types, String subject, String userId, String correlationId, Instant from, Instant to) {
    public static final int MAX_DAYS = 31;

    public EventQuery {
        types = types == null ? List.of() : List.copyOf(types);
        ValidationException.Collector errors = new ValidationException.Collector();
        errors.check(types.size() <= 20, "types", "at most 20 types");
        for (String t : types) errors.check(t != null && t.matches("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*"), "types", "types look like order.placed");
        errors.check(subject == null || subject.matches("[a-z_]+:[^\\s]{1,128}"), "subject", "subject looks like order:ord_123");
        errors.check(userId == null || (!userId.isBlank() && userId.length() <= 128), "userId", "1-128 characters");
        errors.check(correlationId == null || (!correlationId.isBlank() && correlationId.length() <= 128), "correlationId", "1-128 characters");
        errors.check(from == null || to == null || from.isBefore(to), "to", "must be after from");
        boolean narrowed = !types.isEmpty() || subject != null || userId != null || correlationId != null;
        errors.check(narrowed || (from != null && to != null && Duration.between(from, to).toDays() <= MAX_DAYS), "filter",
            "give types, subject, userId or correlationId, or a time range of at most " + MAX_DAYS + " days");
        errors.throwIfAny();
    }

    public boolean matches(EventEnvelope e) {
        if (!types.isEmpty() && !types.contains(e.type())) return false;
        if (subject != null && !subject.equals(e.subject().kind() + ":" + e.subject().id())) return false;
        if (userId != null && !userId.equals(e.actor().userId()) && !userId.equals(e.data().path("userId").asString(null))) return false;
        if (correlationId != null && !correlationId.equals(e.correlationId())) return false;
        if (from != null && e.occurredAt().isBefore(from)) return false;
        return to == null || e.occurredAt().isBefore(to);
    }
}
