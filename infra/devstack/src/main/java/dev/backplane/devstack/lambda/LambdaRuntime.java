package dev.backplane.devstack.lambda;

import dev.backplane.devstack.logs.LogSink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * devstack's Lambda service: synchronous invokes ({@link Invoker}, used by API Gateway and the event source
 * mappings) and asynchronous ones (EventBridge, schedules) with Lambda's retry-then-dead-letter behaviour.
 */
public final class LambdaRuntime implements Invoker, AutoCloseable {
    /** Init phase budget per cold start. Lambda allows 10 s; a busy 2-core laptop starting Spring needs more slack. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(30);
    private final Map<String, FunctionConfig> functions;
    private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
    private final LogSink log;
    private final FunctionLimits limits;
    private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
    private final InvocationActivity activity = new InvocationActivity();
    private final java.util.concurrent.atomic.AtomicLong asyncIds = new java.util.concurrent.atomic.AtomicLong();
    private final Map<Long, PendingAsyncEvent> pendingAsync = new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile boolean closing;
    private volatile Consumer<java.util.List<PendingAsyncEvent>> unfinishedAsync = events -> {};
    private volatile Consumer<FailedAsyncEvent> asyncDeadLetters = failed -> {};
    private volatile Duration asyncRetryDelay = Duration.ofSeconds(1);
    private final java.util.concurrent.atomic.AtomicLong invocations = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong functionErrors = new java.util.concurrent.atomic.AtomicLong();

    public LambdaRuntime(Map<String, FunctionConfig> functions, String region, ServiceEndpoints endpoints, LogSink log) {
        this(functions, region, endpoints, log, DEFAULT_INIT_TIMEOUT);
    }

    public LambdaRuntime(Map<String, FunctionConfig> functions, String region, ServiceEndpoints endpoints, LogSink log,
                         Duration initTimeout) {
        this(functions, region, endpoints, log, initTimeout, FunctionLimits.DEFAULTS.withoutAotCache());
    }

    public LambdaRuntime(Map<String, FunctionConfig> functions, String region, ServiceEndpoints endpoints, LogSink log,
                         Duration initTimeout, FunctionLimits limits) {
        this.functions = Map.copyOf(functions);
        this.log = log;
        this.limits = limits;
        SandboxEnvironment sandbox = new SandboxEnvironment(region, endpoints, RuntimeJars.locate(), limits.aotCache());
        JvmBudget budget = new JvmBudget(limits.maxJvms(), log);
        functions.forEach((id, f) -> pools.put(id, new FunctionPool(f, log, sandbox, initTimeout, budget, limits.instancesPerFunction())));
        reaper = Thread.ofVirtual().name("lambda-idle-reaper").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(Duration.ofSeconds(Math.min(30, Math.max(1, limits.idleStop().toSeconds() / 4))));
                } catch (InterruptedException e) {
                    return;
                }
                stopIdleInstances(limits.idleStop());
            }
        });
    }

    private final Thread reaper;

    public Set<String> functionIds() { return functions.keySet(); }

    public FunctionLimits limits() { return limits; }

    /** Starts one instance of each function in the background so its first call finds it initialised. */
    public void prestart(java.util.Collection<String> functionLogicalIds) {
        for (String id : functionLogicalIds) {
            FunctionPool pool = pools.get(id);
            if (pool != null && pool.instances() == 0) async.submit(pool::prestart);
        }
    }

    public FunctionConfig function(String logicalId) {
        FunctionConfig f = functions.get(logicalId);
        if (f == null) throw new IllegalArgumentException("no function '" + logicalId + "' in the template; functions: " + functions.keySet());
        return f;
    }

    /** Finds a function by logical id, physical name or ARN (targets and Invoke calls use any of them). */
    public FunctionConfig functionByAnyName(String nameOrArn) {
        for (FunctionConfig f : functions.values()) {
            if (f.logicalId().equals(nameOrArn) || f.functionName().equals(nameOrArn) || f.arn().equals(nameOrArn)) return f;
        }
        throw new IllegalArgumentException("no function '" + nameOrArn + "' in the template");
    }

    @Override
    public byte[] invoke(String functionLogicalId, byte[] eventJson) throws FunctionError {
        return invoke(functionLogicalId, eventJson, () -> { });
    }

    @Override
    public byte[] invoke(String functionLogicalId, byte[] eventJson, Runnable onStart) throws FunctionError {
        FunctionPool pool = pools.get(functionLogicalId);
        if (pool == null) throw new FunctionError("ResourceNotFoundException", "Function not found: " + functionLogicalId);
        invocations.incrementAndGet();
        try {
            return pool.invoke(eventJson, onStart);
        } catch (FunctionError | RuntimeException e) {
            functionErrors.incrementAndGet();
            throw e;
        } finally {
            activity.invocationEnded();
        }
    }

    /** When invocations end (stream pollers wait on it: table writes come from functions). */
    public InvocationActivity activity() { return activity; }

    /**
     * Invocation type Event: returns at once; failures are retried ({@code asyncRetries}, default 2) and then go
     * to the function's dead-letter queue if it has one. Locally the retry delay is short (AWS waits minutes).
     */
    public void invokeAsync(String functionLogicalId, byte[] eventJson) {
        FunctionConfig f = function(functionLogicalId);
        long id = asyncIds.incrementAndGet();
        pendingAsync.put(id, new PendingAsyncEvent(functionLogicalId, eventJson));
        async.submit(() -> {
            for (int attempt = 0; ; attempt++) {
                try {
                    invoke(functionLogicalId, eventJson);
                    pendingAsync.remove(id);
                    return;
                } catch (FunctionError e) {
                    if (closing) return; // stopped mid-flight: handed back by close(), not dead-lettered
                    if (attempt >= f.asyncRetries()) {
                        pendingAsync.remove(id);
                        log.line(functionLogicalId, "async invocation failed after " + (attempt + 1) + " attempts: "
                            + e.errorType() + ": " + e.getMessage() + (f.asyncDeadLetterQueue() == null ? " (event dropped: no DeadLetterQueue)" : " (sent to " + f.asyncDeadLetterQueue() + ")"));
                        if (f.asyncDeadLetterQueue() != null) asyncDeadLetters.accept(new FailedAsyncEvent(f, eventJson, e));
                        return;
                    }
                    try {
                        Thread.sleep(asyncRetryDelay.multipliedBy(attempt + 1));
                    } catch (InterruptedException stop) {
                        return; // shutting down
                    }
                }
            }
        });
    }

    /** An asynchronous event accepted but not yet handled (or dead-lettered). */
    public record PendingAsyncEvent(String functionLogicalId, byte[] event) {}

    /**
     * Where asynchronous events go that were accepted but not handled when devstack stops (the composition root
     * persists them with --persist and submits them again on the next start).
     */
    public void onUnfinishedAsync(Consumer<java.util.List<PendingAsyncEvent>> sink) { this.unfinishedAsync = sink; }

    /** An asynchronous event that failed every attempt, on its way to the function's dead-letter queue. */
    public record FailedAsyncEvent(FunctionConfig function, byte[] event, FunctionError lastError) {}

    /** Where async failures go (wired to SQS by the composition root). */
    public void onAsyncDeadLetter(Consumer<FailedAsyncEvent> sink) { this.asyncDeadLetters = sink; }

    public void asyncRetryDelay(Duration delay) { this.asyncRetryDelay = delay; }

    /** Stops every instance idle for longer than {@code maxIdle} (the reaper runs this every 30 s). */
    void stopIdleInstances(Duration maxIdle) { pools.values().forEach(p -> p.stopIdle(maxIdle)); }

    /** Kills the function's live instances with SIGKILL mid-work (crash drills); in-flight invocations fail. */
    public int crashInstances(String functionLogicalId) { return pools.get(functionLogicalId).crashAll(); }

    /** Invocations since start (synchronous, and each attempt of an asynchronous one). */
    public long invocations() { return invocations.get(); }

    /** Invocations that ended in a function error (unhandled exception, timeout, crash). */
    public long functionErrors() { return functionErrors.get(); }

    /** Resident memory of all function JVMs in KB (Linux; 0 elsewhere). */
    public long residentKb() { return pools.values().stream().mapToLong(FunctionPool::residentKb).sum(); }

    /** Live instances of a function: 0 before the first invoke, more under concurrent load. */
    public int instances(String functionLogicalId) { return pools.get(functionLogicalId).instances(); }

    /**
     * Ordered stop: asynchronous invocations in flight get up to 5 s to finish; what is still pending (running,
     * or waiting for a retry) is handed to {@link #onUnfinishedAsync} instead of being lost; then the function JVMs
     * stop (instances recording an AOT cache are given time to write it).
     */
    @Override
    public void close() {
        reaper.interrupt();
        closing = true;
        async.shutdown();
        try {
            async.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        async.shutdownNow();
        java.util.List<PendingAsyncEvent> unfinished = java.util.List.copyOf(pendingAsync.values());
        pendingAsync.clear();
        if (!unfinished.isEmpty()) unfinishedAsync.accept(unfinished);
        pools.values().parallelStream().forEach(FunctionPool::close);
    }
}
