package dev.backplane.devstack.lambda;

import dev.backplane.devstack.logs.LogSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The instances of one function: started lazily on the first invocation, reused while warm (most recently used
 * first, like Lambda), and scaled out while every instance is busy, up to the function's concurrency cap.
 */
final class FunctionPool {
    private final FunctionConfig config;
    private final LogSink log;
    private final SandboxEnvironment sandbox;
    private final Duration initTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Deque<FunctionInstance> idle = new ArrayDeque<>();
    private final List<FunctionInstance> all = new ArrayList<>();
    private final java.util.Set<String> notices = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int spawned;
    private boolean closed;
    /** Instances being spawned (a slot is taken, the JVM is not in {@code all} yet). */
    private int starting;
    /**
     * Instances running their first invocation's init. While one initialises, callers queue for it instead of
     * starting more JVMs: on a small machine a burst of cold starts makes every one of them slower (and, behind an
     * authorizer, turned a burst of first requests into timeouts).
     */
    private int initialising;

    private final JvmBudget budget;
    private final int maxInstances;

    FunctionPool(FunctionConfig config, LogSink log, SandboxEnvironment sandbox, Duration initTimeout, JvmBudget budget, int instanceCap) {
        this.config = config;
        this.budget = budget;
        this.maxInstances = Math.min(config.maxConcurrency(), instanceCap);
        budget.register(this);
        this.log = log;
        this.sandbox = sandbox;
        this.initTimeout = initTimeout;
    }

    byte[] invoke(byte[] payload, Runnable onStart) throws Invoker.FunctionError {
        FunctionInstance instance = acquire();
        java.util.concurrent.atomic.AtomicBoolean coldCounted = new java.util.concurrent.atomic.AtomicBoolean(!instance.initialised());
        try {
            return instance.invoke(payload, initTimeout, () -> {
                if (coldCounted.compareAndSet(true, false)) initialisationEnded();
                onStart.run();
            });
        } finally {
            if (coldCounted.compareAndSet(true, false)) initialisationEnded(); // init failed or timed out
            release(instance);
        }
    }

    /** Waiters look again: the next may start one more instance (one cold start at a time). */
    private void initialisationEnded() {
        lock.lock();
        try {
            initialising--;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private FunctionInstance acquire() throws Invoker.FunctionError {
        int number;
        lock.lock();
        try {
            while (true) {
                if (closed) throw new Invoker.FunctionError("Runtime.Shutdown", "devstack is shutting down");
                FunctionInstance warm = idle.pollFirst();
                if (warm != null && warm.alive()) {
                    if (!warm.initialised()) initialising++; // pre-started: its first invocation still waits for init
                    return warm;
                }
                if (warm != null) {
                    all.remove(warm);
                    continue;
                }
                if (all.size() + starting < maxInstances && starting == 0 && initialising == 0) break;
                // all busy at the cap, or one instance is cold-starting: queue, as a throttled event source would
                released.awaitUninterruptibly();
            }
            number = ++spawned;
            starting++;
        } finally {
            lock.unlock();
        }
        budget.beforeSpawn();
        FunctionInstance fresh;
        try {
            fresh = FunctionInstance.spawn(config, number, log, sandbox, notices);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                starting--;
                released.signalAll(); // the slot this caller reserved is free again
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            starting--;
            if (closed) {
                fresh.kill();
                throw new Invoker.FunctionError("Runtime.Shutdown", "devstack is shutting down");
            }
            all.add(fresh);
            initialising++;
        } finally {
            lock.unlock();
        }
        return fresh;
    }

    private void release(FunctionInstance instance) {
        lock.lock();
        try {
            instance.markIdle();
            if (instance.alive() && !closed) idle.addFirst(instance);
            else all.remove(instance);
            released.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Stops instances idle for longer than {@code maxIdle}, as Lambda recycles unused execution environments. */
    void stopIdle(Duration maxIdle) {
        List<FunctionInstance> stale = new ArrayList<>();
        lock.lock();
        try {
            for (FunctionInstance i : idle) if (i.idleFor().compareTo(maxIdle) > 0) stale.add(i);
            idle.removeAll(stale);
            all.removeAll(stale);
        } finally {
            lock.unlock();
        }
        for (FunctionInstance i : stale) {
            log.line(config.logicalId(), "instance stopped after " + maxIdle.toSeconds() + " s idle (the next call is a cold start)");
            i.kill();
        }
    }

    /** Starts one instance ahead of its first call (its JVM and handler initialise meanwhile), if none runs yet. */
    void prestart() {
        FunctionInstance instance;
        try {
            instance = acquire();
        } catch (Invoker.FunctionError | RuntimeException e) {
            log.line(config.logicalId(), "could not pre-start: " + e.getMessage());
            return;
        }
        if (!instance.initialised()) initialisationEnded(); // it initialises on its own; the next caller waits for it
        release(instance);
    }

    /** When the least recently used idle instance became idle (System.nanoTime), or Long.MAX_VALUE if none is idle. */
    long oldestIdleSince() {
        lock.lock();
        try {
            FunctionInstance last = idle.peekLast();
            return last == null ? Long.MAX_VALUE : last.idleSinceNanos();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the least recently used idle instance (the JVM budget needs room). */
    void stopOldestIdle(String why) {
        FunctionInstance victim;
        lock.lock();
        try {
            victim = idle.pollLast();
            if (victim == null) return;
            all.remove(victim);
        } finally {
            lock.unlock();
        }
        log.line(config.logicalId(), "idle instance stopped " + why + " (its next call is a cold start)");
        victim.kill();
    }

    /** SIGKILLs every live instance, busy ones included (crash drills); returns how many. */
    int crashAll() {
        List<FunctionInstance> live;
        lock.lock();
        try {
            live = all.stream().filter(FunctionInstance::alive).toList();
        } finally {
            lock.unlock();
        }
        live.forEach(FunctionInstance::crash);
        log.line(config.logicalId(), live.size() + " instance(s) killed with SIGKILL on request");
        return live.size();
    }

    /** Resident memory of this function's JVMs, in KB. */
    long residentKb() {
        List<FunctionInstance> live;
        lock.lock();
        try {
            live = new ArrayList<>(all);
        } finally {
            lock.unlock();
        }
        return live.stream().mapToLong(FunctionInstance::residentKb).sum();
    }

    /** Number of live instances (for tests and the admin endpoint). */
    int instances() {
        lock.lock();
        try {
            all.removeIf(i -> !i.alive());
            return all.size();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        List<FunctionInstance> toKill;
        lock.lock();
        try {
            closed = true;
            toKill = new ArrayList<>(all);
            all.clear();
            idle.clear();
            released.signalAll();
        } finally {
            lock.unlock();
        }
        toKill.forEach(FunctionInstance::kill);
        toKill.forEach(i -> i.awaitExit(Duration.ofSeconds(i.training() ? 30 : 5))); // a training JVM is writing its AOT cache
    }
}
