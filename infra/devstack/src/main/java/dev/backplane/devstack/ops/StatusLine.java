package dev.backplane.devstack.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.logs.LogSink;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One live-updating line at the bottom of an interactive terminal, from the same numbers as
 * {@code GET /_devstack/stats}: invocations per second, function errors, queued messages, warm JVMs against the
 * budget and their memory. Log lines are written above it: the line is cleared, the log line printed, the line
 * redrawn. Only for a terminal; piped output stays plain logs.
 */
public final class StatusLine implements LogSink, AutoCloseable {
    private static final String CLEAR = "\r\u001b[2K";
    private final LogSink logs;
    private final PrintStream out;
    private final Supplier<JsonNode> stats;
    private final Thread ticker;
    private JsonNode previous;
    private long previousNanos;
    private String line = "";

    /** {@code logs} must write to {@code out}: both are serialised on this object. */
    public StatusLine(LogSink logs, PrintStream out, Supplier<JsonNode> stats, Duration every) {
        this.logs = logs;
        this.out = out;
        this.stats = stats;
        this.ticker = Thread.ofVirtual().name("devstack-status").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                    refresh();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a stats read failed (e.g. while stopping): keep the last line
                }
            }
        });
    }

    /** Whether standard output is an interactive terminal. */
    public static boolean isTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal() && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    void refresh() {
        JsonNode now = stats.get();
        if (now == null) return; // not up yet
        long nanos = System.nanoTime();
        synchronized (this) {
            double seconds = previous == null ? 0 : (nanos - previousNanos) / 1e9;
            line = format(now, previous, seconds, terminalWidth());
            previous = now;
            previousNanos = nanos;
            out.print(CLEAR + line);
            out.flush();
        }
    }

    @Override
    public synchronized void line(String source, String text) {
        out.print(CLEAR);
        logs.line(source, text);
        out.print(line);
        out.flush();
    }

    /**
     * The status line for {@code now}; rates against {@code before} taken {@code seconds} earlier (none on the first
     * call), cut to {@code width} columns.
     */
    public static String format(JsonNode now, JsonNode before, double seconds, int width) {
        long invocations = now.path("invocations").asLong();
        String rate = before == null || seconds <= 0 ? "–"
            : String.format(Locale.ROOT, "%.1f", Math.max(0, invocations - before.path("invocations").asLong()) / seconds);
        long visible = 0;
        long inFlight = 0;
        long deadLetters = 0;
        for (var queue : now.path("queues").properties()) {
            long v = queue.getValue().path("visible").asLong();
            if (queue.getKey().toLowerCase(Locale.ROOT).matches(".*(dlq|deadletter).*")) deadLetters += v;
            else visible += v;
            inFlight += queue.getValue().path("inFlight").asLong();
        }
        StringBuilder s = new StringBuilder("devstack │ ")
            .append(rate).append(" inv/s · ").append(invocations).append(" calls · ")
            .append(now.path("functionErrors").asLong()).append(" errors · queued ").append(visible);
        if (inFlight > 0) s.append(" (+").append(inFlight).append(" in flight)");
        if (deadLetters > 0) s.append(" · DLQ ").append(deadLetters);
        s.append(" · JVMs ").append(now.path("instances").asInt()).append('/').append(now.path("maxJvms").asInt());
        long rssMb = now.path("functionRssMb").asLong();
        if (rssMb > 0) s.append(" · ").append(rssMb >= 1024 ? String.format(Locale.ROOT, "%.1f GB", rssMb / 1024.0) : rssMb + " MB").append(" RSS");
        int faults = now.path("faults").path("active").size();
        if (faults > 0) s.append(" · ").append(faults).append(" faults injected");
        return s.length() <= width ? s.toString() : s.substring(0, Math.max(0, width - 1)) + "…";
    }

    private static int terminalWidth() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120")));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    @Override
    public synchronized void close() {
        ticker.interrupt();
        out.print(CLEAR);
        out.flush();
    }
}
