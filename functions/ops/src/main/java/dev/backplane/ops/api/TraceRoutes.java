package dev.backplane.ops.api;

import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.ops.domain.TraceStore;
import java.util.List;

/** {@code GET /admin/traces/{correlationId}}: the events of one request's causal chain (admins only). */
public final class TraceRoutes {
    private final TraceStore traces;

    public TraceRoutes(TraceStore traces) { this.traces = traces; }

    record TraceView(String correlationId, List<EventEnvelope> events) {}

    public ApiResponse getTrace(ApiRequest request) {
        if (!request.requireCaller().isAdmin()) throw new ForbiddenException("admins only");
        String correlationId = request.pathParameter("correlationId");
        List<EventEnvelope> events = traces.byCorrelationId(correlationId, request.queryInt("limit", 100, 1, 500));
        if (events.isEmpty()) throw new NotFoundException("trace", correlationId);
        return ApiResponse.ok(new TraceView(correlationId, events));
    }
}
