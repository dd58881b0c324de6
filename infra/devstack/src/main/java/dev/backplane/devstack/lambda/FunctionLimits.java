package dev.backplane.devstack.lambda;

import java.time.Duration;

/**
 * How much of the machine function JVMs may use: at most {@code instancesPerFunction} instances of one function
 * (below its ReservedConcurrentExecutions), at most {@code maxJvms} function JVMs in all (beyond that the least
 * recently used idle instance is stopped first), and idle instances stop after {@code idleStop}. The defaults keep a
 * whole application exercised in a browser under about 4 GB of function-JVM memory (≈ 200–250 MB per JVM).
 * {@code aotCache}: record and load AOT caches ({@link AotCache}); on for {@code devstack run}, off for tests and
 * tools that start devstack in-process (their jars change every build: each run would record caches for nothing).
 */
public record FunctionLimits(int instancesPerFunction, int maxJvms, Duration idleStop, boolean aotCache) {
    public static final FunctionLimits DEFAULTS = new FunctionLimits(2, 16, Duration.ofMinutes(3), true);

    public FunctionLimits(int instancesPerFunction, int maxJvms, Duration idleStop) {
        this(instancesPerFunction, maxJvms, idleStop, false);
    }

    public FunctionLimits withoutAotCache() { return new FunctionLimits(instancesPerFunction, maxJvms, idleStop, false); }

    public FunctionLimits {
        if (instancesPerFunction < 1) throw new IllegalArgumentException("--max-instances must be at least 1");
        if (maxJvms < 1) throw new IllegalArgumentException("--max-jvms must be at least 1");
        if (idleStop.isNegative() || idleStop.isZero()) throw new IllegalArgumentException("--idle-stop must be positive");
    }

    @Override
    public String toString() {
        return "at most " + instancesPerFunction + " instances per function and " + maxJvms
            + " function JVMs in all (least recently used idle one stopped first); idle instances stop after " + idleStop.toSeconds() + " s"
            + (aotCache ? "; AOT cache per function" : "");
    }
}
