package dev.backplane.ops.api;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.core.trace.Hop;
import dev.backplane.ops.domain.AdminReads;
import dev.backplane.ops.domain.HopLog;
import dev.backplane.ops.domain.Timeline;
import dev.backplane.ops.domain.TraceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/traces/{correlationId}}: one request's causal chain, its events and hop timeline (admins only, audited as {@link AdminReads}). */
public final class TraceRoutes {
    private final TraceStore traces;
    private final HopLog recorded;
    private final AdminReads reads;

    public TraceRoutes(TraceStore traces, HopLog recorded, AdminReads reads) {
        this.traces = traces;
        this.recorded = recorded;
        this.reads = reads;
    }

    /**
     * {@code events}: the chain's events in order; {@code hops}: derived and recorded hops by start time (see
     * {@link Timeline}); {@code startedAt}/{@code durationMs}: from the first hop's start to the last hop's end.
     */
    record TraceView(String correlationId, List<EventEnvelope> events, List<Timeline.Hop> hops, Instant startedAt, Long durationMs) {}

    public ApiResponse getTrace(ApiRequest request) {
        Caller admin = request.requireCaller();
        if (!admin.isAdmin()) throw new ForbiddenException("admins only");
        String correlationId = request.pathParameter("correlationId");
        int limit = request.queryInt("limit", 100, 1, 500);
        List<TraceStore.Recorded> chain = traces.recordedByCorrelationId(correlationId, limit);
        List<Hop> hops = recorded.byCorrelationId(correlationId, limit * 10);
        if (chain.isEmpty() && hops.isEmpty()) throw new NotFoundException("trace", correlationId);
        List<Timeline.Hop> timeline = Timeline.merge(chain, hops);
        Instant start = timeline.isEmpty() ? null : timeline.getFirst().startedAt();
        Instant end = timeline.stream().map(Timeline.Hop::at).max(Instant::compareTo).orElse(null);
        reads.record(admin, "GET /admin/traces/{correlationId}", Map.of("correlationId", correlationId, "limit", limit), chain.size(), request.trace());
        return ApiResponse.ok(new TraceView(correlationId, chain.stream().map(TraceStore.Recorded::event).toList(), timeline, start,
            start == null ? null : Duration.between(start, end).toMillis()));
    }
}
