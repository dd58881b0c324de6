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
        try {
            return instance.invoke(payload, initTimeout, onStart);
        } finally {
            release(instance);
        }
    }

    private FunctionInstance acquire() throws Invoker.FunctionError {
        int number;
        lock.lock();
        try {
            while (true) {
                if (closed) throw new Invoker.FunctionError("Runtime.Shutdown", "devstack is shutting down");
                FunctionInstance warm = idle.pollFirst();
                if (warm != null && warm.alive()) return warm;
                if (warm != null) {
                    all.remove(warm);
                    continue;
                }
                if (all.size() < maxInstances) break;
                released.awaitUninterruptibly(); // all busy at the cap: queue, as a throttled event source would
            }
            number = ++spawned;
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
                released.signal(); // the slot this caller reserved is free again
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            if (closed) {
                fresh.kill();
                throw new Invoker.FunctionError("Runtime.Shutdown", "devstack is shutting down");
            }
            all.add(fresh);
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
