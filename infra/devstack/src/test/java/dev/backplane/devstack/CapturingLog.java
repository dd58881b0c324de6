package dev.backplane.devstack;

import dev.backplane.devstack.logs.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Test log sink: keeps every line (and echoes it, so failures are diagnosable) and waits for expected ones. */
public final class CapturingLog implements LogSink {
    public record Line(String source, String text) {}

    private final List<Line> lines = new ArrayList<>();

    @Override
    public synchronized void line(String source, String text) {
        lines.add(new Line(source, text));
        System.out.println("  [" + source + "] " + text);
        notifyAll();
    }

    public synchronized List<Line> lines() { return List.copyOf(lines); }

    public synchronized List<Line> matching(String source, Predicate<String> text) {
        return lines.stream().filter(l -> l.source().equals(source) && text.test(l.text())).toList();
    }

    /** Waits until at least {@code count} lines of {@code source} match; returns them or fails with the log. */
    public synchronized List<Line> await(String source, Predicate<String> text, int count, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            List<Line> found = matching(source, text);
            if (found.size() >= count) return found;
            long left = end - System.nanoTime();
            if (left <= 0) throw new AssertionError("expected " + count + " matching lines from " + source + ", got " + found);
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
