package dev.backplane.ops.api;

import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.core.trace.Hop;
import dev.backplane.ops.domain.HopLog;
import dev.backplane.ops.domain.Timeline;
import dev.backplane.ops.domain.TraceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code GET /admin/traces/{correlationId}}: one request's causal chain, its events and hop timeline (admins only). */
public final class TraceRoutes {
    private final TraceStore traces;
    private final HopLog recorded;

    public TraceRoutes(TraceStore traces) { this(traces, HopLog.NONE); }

    public TraceRoutes(TraceStore traces, HopLog recorded) {
        this.traces = traces;
        this.recorded = recorded;
    }

    /**
     * {@code events}: the chain's events in order; {@code hops}: derived and recorded hops by start time (see
     * {@link Timeline}); {@code startedAt}/{@code durationMs}: from the first hop's start to the last hop's end.
     */
    record TraceView(String correlationId, List<EventEnvelope> events, List<Timeline.Hop> hops, Instant startedAt, Long durationMs) {}

    public ApiResponse getTrace(ApiRequest request) {
        if (!request.requireCaller().isAdmin()) throw new ForbiddenException("admins only");
        String correlationId = request.pathParameter("correlationId");
        int limit = request.queryInt("limit", 100, 1, 500);
        List<TraceStore.Recorded> chain = traces.recordedByCorrelationId(correlationId, limit);
        List<Hop> hops = recorded.byCorrelationId(correlationId, limit * 10);
        if (chain.isEmpty() && hops.isEmpty()) throw new NotFoundException("trace", correlationId);
        List<Timeline.Hop> timeline = Timeline.merge(chain, hops);
        Instant start = timeline.isEmpty() ? null : timeline.getFirst().startedAt();
        Instant end = timeline.stream().map(Timeline.Hop::at).max(Instant::compareTo).orElse(null);
        return ApiResponse.ok(new TraceView(correlationId, chain.stream().map(TraceStore.Recorded::event).toList(), timeline, start,
            start == null ? null : Duration.between(start, end).toMillis()));
    }
}
