package dev.backplane.ops.api;

import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.ops.domain.DeadLetterQueues;
import dev.backplane.ops.domain.DeadLetterService;
import java.util.Arrays;
import java.util.List;

/** {@code /admin/dlq…}: list, peek, redrive, delete (admins only, audited). */
public final class DeadLetterRoutes {
    private final DeadLetterService service;

    public DeadLetterRoutes(DeadLetterService service) { this.service = service; }

    record QueuesView(List<DeadLetterQueues.QueueStatus> queues) {}

    record MessagesView(String queue, List<DeadLetterQueues.DeadLetter> messages) {}

    record RedriveBody(List<String> messageIds) {
        RedriveBody { messageIds = messageIds == null ? List.of() : messageIds; }
    }

    record DeletedView(String queue, int deleted) {}

    public ApiResponse list(ApiRequest request) { return ApiResponse.ok(new QueuesView(service.list(request.requireCaller()))); }

    public ApiResponse peek(ApiRequest request) {
        String queue = request.pathParameter("queue");
        return ApiResponse.ok(new MessagesView(queue, service.peek(request.requireCaller(), queue, request.queryInt("limit", 10, 1, 100))));
    }

    public ApiResponse redrive(ApiRequest request) {
        List<String> ids = request.rawBody().isBlank() ? List.of() : request.body(RedriveBody.class).messageIds();
        return ApiResponse.accepted(service.redrive(request.requireCaller(), request.pathParameter("queue"), ids, request.trace()));
    }

    /** {@code DELETE /admin/dlq/{queue}/messages?confirm=<queue>[&ids=a,b]}: without ids, every message of the queue. */
    public ApiResponse delete(ApiRequest request) {
        String queue = request.pathParameter("queue");
        List<String> ids = request.query("ids").map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
            .orElse(List.of());
        int deleted = service.delete(request.requireCaller(), queue, ids, request.query("confirm").orElse(null), request.trace());
        return ApiResponse.ok(new DeletedView(queue, deleted));
    }
}
