package dev.backplane.ops.api;

import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.ops.domain.Timeline;
import dev.backplane.ops.domain.TraceStore;
import java.util.List;

/** {@code GET /admin/traces/{correlationId}}: one request's causal chain, its events and hop timeline (admins only). */
public final class TraceRoutes {
    private final TraceStore traces;

    public TraceRoutes(TraceStore traces) { this.traces = traces; }

    /** {@code events}: the chain's events in order; {@code hops}: the timeline rebuilt from them (see {@link Timeline}). */
    record TraceView(String correlationId, List<EventEnvelope> events, List<Timeline.Hop> hops) {}

    public ApiResponse getTrace(ApiRequest request) {
        if (!request.requireCaller().isAdmin()) throw new ForbiddenException("admins only");
        String correlationId = request.pathParameter("correlationId");
        List<TraceStore.Recorded> chain = traces.recordedByCorrelationId(correlationId, request.queryInt("limit", 100, 1, 500));
        if (chain.isEmpty()) throw new NotFoundException("trace", correlationId);
        return ApiResponse.ok(new TraceView(correlationId, chain.stream().map(TraceStore.Recorded::event).toList(), Timeline.of(chain)));
    }
}
