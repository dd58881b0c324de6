package dev.backplane.core.trace;

import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.store.DynamoHopLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hop recorder of this function instance, configured once like {@link dev.backplane.core.observability.Observability}:
 * {@code TRACE_HOP_TABLE} names the table (none set: hops are not recorded), {@code TRACE_HOP_RETENTION_DAYS} their TTL.
 * Core's HTTP endpoint and event consumer record through it, so domain code never does.
 *
 * <p>Writes run on one background thread and the caller waits for them at most {@code TRACE_HOP_WAIT_MS} (100 ms by
 * default): a hop never makes a request slow, not even the first one of a cold instance, whose hop client is still
 * being built. A write that outlasts the wait finishes in the background (on Lambda: when the instance next runs).
 */
public final class Hops {
    private static final Logger LOG = LoggerFactory.getLogger(Hops.class);
    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hop-writer");
        t.setDaemon(true);
        return t;
    });
    private static final long WAIT_MS = Config.fromEnvironment().getInt("TRACE_HOP_WAIT_MS", 100);
    private static final ThreadLocal<List<Hop>> OPEN = new ThreadLocal<>();
    private static volatile Supplier<HopRecorder> recorder = Lazy.of(() -> fromConfig(Config.fromEnvironment()));

    private Hops() {}

    public static HopRecorder fromConfig(Config config) {
        return config.find("TRACE_HOP_TABLE")
            .<HopRecorder>map(table -> new DynamoHopLog(new AwsClients(config).dynamoDb(), table,
                Duration.ofDays(config.getInt("TRACE_HOP_RETENTION_DAYS", (int) DynamoHopLog.DEFAULT_RETENTION.toDays())),
                Clock.systemUTC()))
            .orElse(HopRecorder.NONE);
    }

    /** Replaces the recorder (tests; {@code HopRecorder.NONE} for none). */
    public static void use(HopRecorder replacement) { recorder = () -> replacement; }

    public static HopRecorder recorder() { return recorder.get(); }

    public static void record(Hop hop) { record(List.of(hop)); }

    /**
     * Runs {@code work} collecting the hops recorded on this thread meanwhile, then writes them all at once: an SQS
     * batch's consumer hops and whatever its handlers record (e.g. a push's) cost one write, not one per event.
     */
    public static <T> T collecting(Supplier<T> work) {
        if (OPEN.get() != null) return work.get();
        List<Hop> collected = new ArrayList<>();
        OPEN.set(collected);
        try {
            return work.get();
        } finally {
            OPEN.remove();
            record(collected);
        }
    }

    public static void record(List<Hop> hops) {
        if (hops.isEmpty()) return;
        List<Hop> open = OPEN.get();
        if (open != null) {
            open.addAll(hops);
            return;
        }
        Future<?> write = WRITER.submit(() -> {
            try {
                recorder().record(hops);
            } catch (RuntimeException e) {
                // building the recorder can fail too (bad configuration): a trace thins out, the business path goes on
                LOG.warn("hops not recorded: {}", e.toString());
            }
        });
        try {
            write.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("hop write still running after {} ms; it finishes in the background", WAIT_MS);
        } catch (ExecutionException e) {
            LOG.warn("hops not recorded: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every hop handed over so far was written (tests, and before a planned shutdown). */
    public static void drain() {
        try {
            WRITER.submit(() -> {}).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("hop writer did not drain: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Milliseconds from {@code startedAt} until now. */
    public static long since(Instant startedAt) { return Math.max(0, Duration.between(startedAt, Instant.now()).toMillis()); }
}
