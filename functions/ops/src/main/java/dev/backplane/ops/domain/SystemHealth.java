package dev.backplane.ops.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /admin/health}: each dependency probed (with its latency or error), every dead-letter queue's depth and
 * the outbox backlog. {@code degraded} when a probe fails, a dead-letter queue holds messages or the outbox holds
 * an item older than {@link #BACKLOG_LIMIT} — the same conditions the alarms watch.
 */
public final class SystemHealth {
    public static final Duration BACKLOG_LIMIT = Duration.ofMinutes(5);
    private final Map<String, Runnable> probes;
    private final DeadLetterQueues deadLetters;
    private final Supplier<Optional<Duration>> outboxBacklog;

    public SystemHealth(Map<String, Runnable> probes, DeadLetterQueues deadLetters, Supplier<Optional<Duration>> outboxBacklog) {
        this.probes = probes;
        this.deadLetters = deadLetters;
        this.outboxBacklog = outboxBacklog;
    }

    public record Dependency(String name, boolean ok, long latencyMs, String error) {}

    public record Report(String status, List<Dependency> dependencies, List<DeadLetterQueues.QueueStatus> deadLetterQueues,
                         long outboxBacklogAgeSeconds, List<String> problems) {}

    public Report check() {
        List<String> problems = new ArrayList<>();
        List<Dependency> dependencies = new ArrayList<>();
        new LinkedHashMap<>(probes).forEach((name, probe) -> {
            long started = System.nanoTime();
            try {
                probe.run();
                dependencies.add(new Dependency(name, true, (System.nanoTime() - started) / 1_000_000, null));
            } catch (RuntimeException e) {
                dependencies.add(new Dependency(name, false, (System.nanoTime() - started) / 1_000_000, e.getClass().getSimpleName()));
                problems.add(name + " is not answering");
            }
        });
        List<DeadLetterQueues.QueueStatus> queues = List.of();
        try {
            queues = deadLetters.list();
            queues.stream().filter(q -> q.depth() > 0).forEach(q -> problems.add(q.name() + " dead-letter queue holds " + q.depth() + " messages"));
            queues.stream().filter(q -> q.problem() != null).forEach(q -> problems.add(q.name() + " dead-letter queue cannot be read"));
        } catch (RuntimeException e) {
            problems.add("dead-letter queues cannot be read");
        }
        long backlog = 0;
        try {
            backlog = outboxBacklog.get().map(Duration::toSeconds).orElse(0L);
            if (backlog > BACKLOG_LIMIT.toSeconds()) problems.add("outbox item waiting for " + backlog + " s");
        } catch (RuntimeException e) {
            problems.add("outbox backlog cannot be read");
        }
        return new Report(problems.isEmpty() ? "ok" : "degraded", dependencies, queues, backlog, problems);
    }
}
