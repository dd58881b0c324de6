package dev.backplane.ops.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Re-emits archived events (same envelope and id, marked as replay) to the bus or to one consumer's queue. Idempotent
 * consumers ignore what they already did, so a replay repairs a consumer that lost state without touching the others.
 * A replay is audited: {@code ops.replay_started}, {@code ops.replay_progress} every {@link #PROGRESS_EVERY} events
 * (pushed live to the {@code admin} topic) and {@code ops.replay_completed} with the counts.
 */
public final class Replays {
    public static final int MAX_EVENTS = 10_000;
    static final int PAGE = 100;
    static final int PROGRESS_EVERY = 500;
    private final EventArchive archive;
    private final Function<String, ReplayTarget> targets;
    private final AuditLog audit;
    private final Set<String> consumers;

    /** {@code targets}: "bus" → the event bus; a consumer name → its queue; null when unknown. Only the bus accepts replays. */
    public Replays(EventArchive archive, Function<String, ReplayTarget> targets, AuditLog audit) {
        this(archive, targets, audit, Set.of());
    }

    /**
     * {@code consumers}: the consumer queues that opted in to direct replays. A queue feeding a side-effecting sender
     * (mail, webhooks, Stripe) or holding delivery jobs rather than events never opts in: a direct replay would bypass
     * the rules that keep replays away from it.
     */
    public Replays(EventArchive archive, Function<String, ReplayTarget> targets, AuditLog audit, Set<String> consumers) {
        this.archive = archive;
        this.targets = targets;
        this.audit = audit;
        this.consumers = Set.copyOf(consumers);
    }

    public record Request(EventQuery filter, String target, boolean dryRun) {}

    public record Result(String replayId, String target, boolean dryRun, int matched, int replayed, int failed, boolean truncated) {}

    public Result replay(Caller caller, Request request, Trace trace) {
        DeadLetterService.requireAdmin(caller);
        String targetName = request.target() == null ? "bus" : request.target();
        ReplayTarget target = targets.apply(targetName);
        if (target == null) throw new NotFoundException("replay target", targetName);
        if (!targetName.equals("bus") && !consumers.contains(targetName)) {
            throw ValidationException.of("target", targetName + " does not accept replays (side effects or delivery jobs); "
                + "replay to bus, whose rules keep replays away from side-effecting consumers, or to one of " + new TreeSet<>(consumers));
        }
        String replayId = trace.causationId();
        Subject subject = new Subject("replay", replayId);
        if (!request.dryRun()) audit.record(NewEvent.of("ops.replay_started", subject, data(replayId, targetName, request, 0, 0, 0)), trace);
        int matched = 0;
        int replayed = 0;
        int failed = 0;
        int reported = 0;
        String cursor = null;
        do {
            EventArchive.Page page = archive.find(request.filter(), caller.userId(), Math.min(PAGE, MAX_EVENTS - matched), cursor);
            matched += page.items().size();
            if (!request.dryRun() && !page.items().isEmpty()) {
                List<EventEnvelope> notSent = target.send(page.items());
                failed += notSent.size();
                replayed += page.items().size() - notSent.size();
                if (replayed + failed - reported >= PROGRESS_EVERY) {
                    reported = replayed + failed;
                    audit.record(NewEvent.of("ops.replay_progress", subject, data(replayId, targetName, request, matched, replayed, failed)), trace);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null && matched < MAX_EVENTS);
        boolean truncated = cursor != null;
        if (!request.dryRun()) {
            Map<String, Object> done = data(replayId, targetName, request, matched, replayed, failed);
            done.put("truncated", truncated);
            audit.record(NewEvent.of("ops.replay_completed", subject, done), trace);
        }
        return new Result(replayId, targetName, request.dryRun(), matched, replayed, failed, truncated);
    }

    private static Map<String, Object> data(String replayId, String target, Request request, int matched, int replayed, int failed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("replayId", replayId);
        data.put("target", target);
        data.put("filter", request.filter());
        data.put("matched", matched);
        data.put("replayed", replayed);
        data.put("failed", failed);
        return data;
    }
}
