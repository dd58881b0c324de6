package dev.backplane.core.trace;

import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.store.DynamoHopLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hop recorder of this function instance, configured once like {@link dev.backplane.core.observability.Observability}:
 * {@code TRACE_HOP_TABLE} names the table (none set: hops are not recorded), {@code TRACE_HOP_RETENTION_DAYS} their TTL.
 * Core's HTTP endpoint and event consumer record through it, so domain code never does.
 */
public final class Hops {
    private static final Logger LOG = LoggerFactory.getLogger(Hops.class);
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

    public static void record(List<Hop> hops) {
        try {
            recorder().record(hops);
        } catch (RuntimeException e) {
            // building the recorder can fail too (bad configuration): a trace thins out, the business path goes on
            LOG.warn("hops not recorded: {}", e.toString());
        }
    }

    /** Milliseconds from {@code startedAt} until now. */
    public static long since(Instant startedAt) { return Math.max(0, Duration.between(startedAt, Instant.now()).toMillis()); }
}
