package dev.backplane.devstack.lambda;

import dev.backplane.devstack.logs.LogSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The global cap on function JVMs: before an instance is started beyond the cap, the least recently used idle
 * instance of any function is stopped. Busy instances are never stopped, so when every JVM is busy the new one
 * starts anyway (a caller waiting for a JVM that only it could free would deadlock), and a warning says so.
 */
final class JvmBudget {
    private final int maxJvms;
    private final LogSink log;
    private final List<FunctionPool> pools = new ArrayList<>();
    private boolean warned;

    JvmBudget(int maxJvms, LogSink log) {
        this.maxJvms = maxJvms;
        this.log = log;
    }

    synchronized void register(FunctionPool pool) { pools.add(pool); }

    /** Makes room for one more JVM. */
    void beforeSpawn() {
        while (true) {
            FunctionPool owner = null;
            long oldest = Long.MAX_VALUE;
            int live = 0;
            synchronized (this) {
                for (FunctionPool p : pools) {
                    live += p.instances();
                    long idleSince = p.oldestIdleSince();
                    if (idleSince < oldest) {
                        oldest = idleSince;
                        owner = p;
                    }
                }
                if (live < maxJvms) return;
                if (owner == null) {
                    if (!warned) log.system("all " + live + " function JVMs are busy: starting one beyond --max-jvms " + maxJvms);
                    warned = true;
                    return;
                }
            }
            owner.stopOldestIdle("to stay within --max-jvms " + maxJvms);
        }
    }
}
