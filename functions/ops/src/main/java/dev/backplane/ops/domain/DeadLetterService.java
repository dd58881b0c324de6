package dev.backplane.ops.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.ConflictException;
import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead-letter tooling for admins: look (depth, oldest age, messages without consuming them), send back, delete.
 * Sending back and deleting are audited as {@code ops.dlq_redriven} / {@code ops.dlq_purged}; deleting needs the
 * queue's name typed again as confirmation, because it is the one action that really loses messages.
 */
public final class DeadLetterService {
    public static final int MAX_IDS = 100;
    private final DeadLetterQueues queues;
    private final AuditLog audit;

    public DeadLetterService(DeadLetterQueues queues, AuditLog audit) {
        this.queues = queues;
        this.audit = audit;
    }

    public List<DeadLetterQueues.QueueStatus> list(Caller caller) {
        requireAdmin(caller);
        return queues.list();
    }

    public List<DeadLetterQueues.DeadLetter> peek(Caller caller, String queue, int max) {
        requireAdmin(caller);
        return queues.peek(known(queue), max);
    }

    public DeadLetterQueues.Redrive redrive(Caller caller, String queue, List<String> messageIds, Trace trace) {
        requireAdmin(caller);
        checkIds(messageIds);
        if (!queues.redrivable(known(queue))) {
            throw new ConflictException("not-redrivable", queue + " holds failure records, not messages of a queue; the outbox sweeper re-relays their events");
        }
        DeadLetterQueues.Redrive result = queues.redrive(queue, messageIds);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("queue", queue);
        data.put("requested", messageIds.isEmpty() ? "all" : messageIds.size());
        data.put("moved", result.moved());
        data.put("notFound", result.notFound());
        if (result.taskHandle() != null) data.put("taskHandle", result.taskHandle());
        audit.record(NewEvent.of("ops.dlq_redriven", new Subject("queue", queue), data), trace);
        return result;
    }

    public int delete(Caller caller, String queue, List<String> messageIds, String confirmation, Trace trace) {
        requireAdmin(caller);
        checkIds(messageIds);
        known(queue);
        if (!queue.equals(confirmation)) throw ValidationException.of("confirm", "repeat the queue name to confirm the deletion");
        int deleted = queues.delete(queue, messageIds);
        audit.record(NewEvent.of("ops.dlq_purged", new Subject("queue", queue), Map.of("queue", queue,
            "requested", messageIds.isEmpty() ? "all" : messageIds.size(), "deleted", deleted)), trace);
        return deleted;
    }

    static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) throw new ForbiddenException("admins only");
    }

    private String known(String queue) {
        if (!queues.exists(queue)) throw new NotFoundException("dead-letter queue", queue);
        return queue;
    }

    private static void checkIds(List<String> ids) {
        if (ids.size() > MAX_IDS) throw ValidationException.of("messageIds", "at most " + MAX_IDS + " per call");
        if (ids.stream().anyMatch(id -> id == null || id.isBlank() || id.length() > 128)) {
            throw ValidationException.of("messageIds", "message ids are 1-128 characters");
        }
    }
}
