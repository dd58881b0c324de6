package dev.backplane.devstack.bench;

import dev.backplane.devstack.Devstack;
import dev.backplane.devstack.DevstackOptions;
import dev.backplane.devstack.FixtureJar;
import dev.backplane.devstack.logs.LogSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * devstack figures for docs/benchmarks.md: startup, first call without and with the AOT cache, warm invoke
 * p50/p99, write → stream consumer p50, and the function JVMs' total RSS. Runs on the fixture templates, or on a
 * project's function with {@code -Dbench.template=… -Dbench.function=… -Dbench.event=…} for the first-call rows.
 * <pre>
 * mvn -B -q -ntp -pl infra/devstack test-compile
 * java -cp infra/devstack/target/test-classes:infra/devstack/target/classes:$(cat cp.txt) dev.backplane.devstack.bench.DevstackBench
 * </pre>
 * (cp.txt: {@code mvn -pl infra/devstack dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test});
 * run from infra/devstack, where the fixture jar is built.
 */
public final class DevstackBench {
    private static final LogSink QUIET = (source, text) -> { };

    private DevstackBench() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        Path streams = FixtureJar.template("streams.yaml");
        List<Double> startups = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (Devstack d = start(streams, QUIET)) {
                startups.add((double) d.startupMillis());
            }
        }
        report("startup (template read → every endpoint ready), streams fixture", startups);

        Path template = Path.of(System.getProperty("bench.template", FixtureJar.template("functions.yaml").toString())).toAbsolutePath();
        String function = System.getProperty("bench.function", "WarmFunction");
        byte[] event = System.getProperty("bench.event") == null ? "{}".getBytes(StandardCharsets.UTF_8)
            : Files.readAllBytes(Path.of(System.getProperty("bench.event")));
        List<Double> noCache = new ArrayList<>();
        List<Double> withCache = new ArrayList<>();
        for (int i = 0; i < Math.max(1, runs / 2 + 1); i++) {
            System.setProperty("devstack.cache", Files.createTempDirectory("bench-cache").toString());
            noCache.add(firstCall(template, function, event)); // records the cache as it stops
            withCache.add(firstCall(template, function, event));
            withCache.add(firstCall(template, function, event));
        }
        report("first call of " + function + ", no AOT cache (fresh JVM → response)", noCache);
        report("first call of " + function + ", AOT cache", withCache);

        RecorderLines log = new RecorderLines();
        try (Devstack d = start(streams, log)) {
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                long t = System.nanoTime();
                d.lambda().invoke("StreamWriter", ("{\"pk\":\"warm-" + i + "\"}").getBytes(StandardCharsets.UTF_8));
                if (i >= 200) warm.add((System.nanoTime() - t) / 1e6);
            }
            report("warm invoke (StreamWriter: one PutItem), after 200 warm-up", warm);
            List<Double> toConsumer = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String pk = "lat-" + i;
                long t = System.nanoTime();
                d.lambda().invoke("StreamWriter", ("{\"pk\":\"" + pk + "\"}").getBytes(StandardCharsets.UTF_8));
                log.await("\"" + pk + "\"", Duration.ofSeconds(30));
                if (i >= 10) toConsumer.add((System.nanoTime() - t) / 1e6);
                Thread.sleep(150 + (i % 7) * 40L); // spread over the poll phase instead of riding one rhythm
            }
            report("write (function PutItem) → stream consumer invoked", toConsumer);
            System.out.printf("function JVMs: %d, total RSS %.0f MB%n", childJvms(), rssMb());
        }
        System.exit(0);
    }

    private static Devstack start(Path template, LogSink log) {
        return Devstack.start(DevstackOptions.defaults(template).withPort(0).withScheduleClocks(false).withLog(log)
            .withLimits(dev.backplane.devstack.lambda.FunctionLimits.DEFAULTS)); // with AOT caches, as devstack run
    }

    private static double firstCall(Path template, String function, byte[] event) throws Exception {
        try (Devstack d = start(template, QUIET)) {
            long t = System.nanoTime();
            d.lambda().invoke(function, event);
            return (System.nanoTime() - t) / 1e6;
        }
    }

    private static long childJvms() { return ProcessHandle.current().children().count(); }

    private static double rssMb() {
        double kb = 0;
        for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) kb += Long.parseLong(line.replaceAll("\\D", ""));
                }
            } catch (Exception ended) {
                // gone meanwhile
            }
        }
        return kb / 1024;
    }

    private static void report(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf("%s: n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.size(),
            sorted.get(sorted.size() / 2), sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)), sorted.getLast());
    }

    /** The stream recorder's lines, kept silently so the run can wait for one. */
    private static final class RecorderLines implements LogSink {
        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void line(String source, String text) {
            if (!source.equals("StreamRecorder")) return;
            lines.add(text);
            notifyAll();
        }

        synchronized void await(String fragment, Duration max) throws InterruptedException {
            long end = System.nanoTime() + max.toNanos();
            while (lines.stream().noneMatch(l -> l.contains(fragment))) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new IllegalStateException("no stream record with " + fragment);
                wait(left);
            }
        }
    }
}
