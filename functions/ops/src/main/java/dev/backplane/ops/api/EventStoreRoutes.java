package dev.backplane.ops.api;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.ops.domain.AdminReads;
import dev.backplane.ops.domain.EventArchive;
import dev.backplane.ops.domain.EventQuery;
import dev.backplane.ops.domain.Replays;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /admin/events} (search the event store) and {@code POST /admin/replay}: admins only, both audited. */
public final class EventStoreRoutes {
    private final EventArchive archive;
    private final Replays replays;
    private final AdminReads reads;

    public EventStoreRoutes(EventArchive archive, Replays replays, AdminReads reads) {
        this.archive = archive;
        this.replays = replays;
        this.reads = reads;
    }

    record FilterBody(List<String> types, String subject, String userId, String correlationId, Instant from, Instant to) {}

    record ReplayBody(FilterBody filter, String target, Boolean dryRun) {}

    public ApiResponse find(ApiRequest request) {
        Caller admin = request.requireCaller();
        if (!admin.isAdmin()) throw new ForbiddenException("admins only");
        EventQuery query = new EventQuery(request.query("type").map(t -> Arrays.stream(t.split(",")).map(String::strip).toList()).orElse(List.of()),
            request.query("subject").orElse(null), request.query("userId").orElse(null), request.query("correlationId").orElse(null),
            instant(request.query("from"), "from"), instant(request.query("to"), "to"));
        int limit = request.queryInt("limit", 50, 1, 200);
        // an empty cursor is a bad cursor, not "no cursor"
        EventArchive.Page page = archive.find(query, admin.userId(), limit, request.rawQuery("cursor").orElse(null));
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("filter", query);
        what.put("limit", limit);
        what.put("page", request.rawQuery("cursor").isPresent() ? "next" : "first");
        reads.record(admin, "GET /admin/events", what, page.items().size(), request.trace());
        return ApiResponse.ok(page);
    }

    public ApiResponse replay(ApiRequest request) {
        ReplayBody body = request.body(ReplayBody.class);
        if (body.filter() == null) throw ValidationException.of("filter", "required");
        FilterBody f = body.filter();
        EventQuery query = new EventQuery(f.types(), f.subject(), f.userId(), f.correlationId(), f.from(), f.to());
        return ApiResponse.ok(replays.replay(request.requireCaller(),
            new Replays.Request(query, body.target(), Boolean.TRUE.equals(body.dryRun())), request.trace()));
    }

    private static Instant instant(Optional<String> value, String field) {
        try {
            return value.map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            throw ValidationException.of(field, "an ISO-8601 instant, e.g. 2026-11-30T10:00:00Z");
        }
    }
}
