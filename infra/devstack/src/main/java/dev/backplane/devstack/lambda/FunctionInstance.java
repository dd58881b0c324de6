package dev.backplane.devstack.lambda;

import dev.backplane.devstack.logs.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: a child JVM running the official runtime interface client against its own Runtime
 * API server. A fresh JVM per instance gives real cold starts, real static state per instance, real memory limits
 * and a clean kill on timeout, at the cost of a JVM start per concurrent instance.
 */
final class FunctionInstance {
    private final FunctionConfig config;
    private final int number;
    private final RuntimeApiServer api;
    private final Process process;
    private final LogSink log;
    private final FunctionCode code;
    /** Prefix of the sandbox jar's notices (see dev.backplane.devstack.sandbox.LocalRedirect). */
    private static final String SANDBOX_NOTICE = "[devstack] ";
    private final java.util.Set<String> notices;
    private final long spawnedAtNanos = System.nanoTime();
    private final AotCache.Plan aot;
    private volatile boolean initialized;
    private volatile boolean killed;
    private volatile long idleSinceNanos = System.nanoTime();

    private FunctionInstance(FunctionConfig config, int number, LogSink log, SandboxEnvironment sandbox, java.util.Set<String> notices) {
        this.config = config;
        this.notices = notices;
        this.number = number;
        this.log = log;
        this.api = new RuntimeApiServer(config.arn(), config.timeoutSeconds(), this::initFailed);
        FunctionCode code = FunctionCode.of(config);
        this.code = code;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Lambda sizes the heap from the memory setting; the rest of the memory is metaspace, stacks, native.
        command.add("-Xmx" + Math.max(64, config.memoryMb() * 85 / 100) + "m");
        command.add("-Xshare:auto");
        command.add("-Xss512k"); // Lambda's default stack is larger than functions need; hundreds of threads add up
        String toolOptions = config.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
        if (!toolOptions.contains("GC")) command.add("-XX:+UseSerialGC"); // the smallest footprint, unless the template chose
        command.add("--enable-native-access=ALL-UNNAMED"); // the RIC loads its JNI client
        String jni = RicNativeLibrary.systemPropertyArgument();
        if (jni != null) command.add(jni); // one shared copy, not /tmp/.libaws-lambda-jni.so rewritten by every start
        command.add("-D" + dev.backplane.devstack.sandbox.SandboxMain.PARENT_PID + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        List<Path> classpath = new ArrayList<>(code.classpath());
        classpath.add(SandboxJar.path());
        classpath.addAll(sandbox.runtimeJars());
        command.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        // per-run values (-D parent pid, JNI copy) stay out of the cache key; the template's flags are in it
        List<String> stableFlags = new ArrayList<>(command.stream().filter(a -> !a.startsWith("-D")).toList());
        stableFlags.add(toolOptions.strip());
        this.aot = sandbox.aotCache() ? AotCache.plan(classpath, config.handler(), stableFlags) : AotCache.Plan.NONE;
        if (!aot.flags().isEmpty()) command.remove("-Xshare:auto"); // the AOT cache replaces CDS (the JVM refuses both)
        command.addAll(command.indexOf("-cp"), aot.flags());
        command.add(SandboxJar.MAIN);
        command.add(config.handler());
        ProcessBuilder builder = new ProcessBuilder(command).directory(code.taskRoot().toFile());
        Map<String, String> env = builder.environment();
        env.clear(); // like Lambda: the function sees its own variables only, none of the developer's shell (or secrets)
        env.putAll(sandbox.variables(config, code.taskRoot(), api.address()));
        try {
            this.process = builder.start();
        } catch (IOException e) {
            api.close();
            AotCache.release(aot);
            throw new UncheckedIOException("cannot start a JVM for " + config.logicalId(), e);
        }
        pipe(process.getInputStream());
        pipe(process.getErrorStream());
        process.onExit().thenRun(this::exited);
    }

    /** {@code notices}: the sandbox notices already shown for this function (shared by its instances). */
    static FunctionInstance spawn(FunctionConfig config, int number, LogSink log, SandboxEnvironment sandbox, java.util.Set<String> notices) {
        return new FunctionInstance(config, number, log, sandbox, notices);
    }

    boolean alive() { return !killed && process.isAlive(); }

    /** Whether an invocation has been delivered (the handler is loaded): later calls are warm. */
    boolean initialised() { return initialized; }

    void markIdle() { idleSinceNanos = System.nanoTime(); }

    long idleSinceNanos() { return idleSinceNanos; }

    Duration idleFor() { return Duration.ofNanos(System.nanoTime() - idleSinceNanos); }

    /** Runs one invocation; on timeout the instance is killed, as Lambda does with the sandbox. */
    byte[] invoke(byte[] payload, Duration initTimeout, Runnable onStart) throws Invoker.FunctionError {
        Invocation invocation = new Invocation(payload);
        long startNanos = System.nanoTime();
        boolean cold = !initialized;
        api.submit(invocation);
        try {
            long deadline = cold ? invocation.delivered.get(initTimeout.toMillis(), TimeUnit.MILLISECONDS)
                : invocation.delivered.get();
            long initMs = (System.nanoTime() - spawnedAtNanos) / 1_000_000;
            if (cold) {
                initialized = true;
                log.line(config.logicalId(), "cold start: instance #" + number + " initialised in " + initMs + " ms"
                    + (training() ? " (recording an AOT cache for later cold starts)" : aot.flags().isEmpty() ? "" : " (with AOT cache)"));
            }
            startNanos = System.nanoTime();
            onStart.run();
            log.line(config.logicalId(), "START RequestId: " + invocation.requestId + " Version: $LATEST");
            long waitMs = Math.max(1, deadline - System.currentTimeMillis());
            byte[] result = invocation.result.get(waitMs, TimeUnit.MILLISECONDS);
            report(invocation, startNanos, cold ? initMs : -1);
            return result;
        } catch (TimeoutException e) {
            if (!initialized) {
                kill();
                throw new Invoker.FunctionError("Runtime.InitTimeout", config.logicalId() + " did not initialise within "
                    + initTimeout.toSeconds() + " s (instance #" + number + " killed)");
            }
            log.line(config.logicalId(), String.format(Locale.ROOT, "%s Task timed out after %.2f seconds",
                invocation.requestId, config.timeoutSeconds() * 1.0));
            kill();
            throw new Invoker.FunctionError("Sandbox.Timedout",
                String.format(Locale.ROOT, "Task timed out after %.2f seconds", config.timeoutSeconds() * 1.0));
        } catch (ExecutionException e) {
            report(invocation, startNanos, -1);
            if (e.getCause() instanceof Invoker.FunctionError error) throw error;
            throw new Invoker.FunctionError("Runtime.Unknown", String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new Invoker.FunctionError("Runtime.Interrupted", "devstack is shutting down");
        }
    }

    private void report(Invocation invocation, long startNanos, long initMs) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        log.line(config.logicalId(), "END RequestId: " + invocation.requestId);
        log.line(config.logicalId(), String.format(Locale.ROOT,
            "REPORT RequestId: %s Duration: %.2f ms Billed Duration: %d ms Memory Size: %d MB Max Memory Used: %s MB%s",
            invocation.requestId, ms, (long) Math.ceil(ms), config.memoryMb(), maxMemoryUsedMb(),
            initMs >= 0 ? " Init Duration: " + initMs + " ms" : ""));
    }

    /** Current resident memory of the child in KB (Linux /proc; 0 elsewhere or once it ended). */
    long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process just ended
        }
        return 0;
    }

    /** Peak resident memory of the child (Linux /proc), the closest local twin of Lambda's "Max Memory Used". */
    private String maxMemoryUsedMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) return String.valueOf(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process just ended: report unknown
        }
        return "?";
    }

    private void initFailed(Invoker.FunctionError error) {
        log.line(config.logicalId(), "INIT_REPORT Status: error Error Type: " + error.errorType() + " " + error.getMessage());
        api.failAll(error);
        kill();
    }

    private void exited() {
        if (!killed) {
            log.line(config.logicalId(), "instance #" + number + " exited with status " + process.exitValue());
        }
        api.failAll(new Invoker.FunctionError("Runtime.ExitError",
            "RequestId: - Error: Runtime exited with error: exit status " + process.exitValue()));
        api.close();
        code.cleanUp();
        AotCache.release(aot);
    }

    /** Whether this instance records an AOT cache (written when its JVM exits normally). */
    boolean training() { return aot.training() != null; }

    void kill() {
        killed = true;
        if (training() && process.isAlive()) {
            // SIGTERM: the JVM writes its AOT cache on the way out (a child JVM assembles it); stopped for good after 60 s
            // (the Runtime API stays open until the JVM is gone: a runtime losing it halts at once, writing nothing)
            process.destroy();
            Thread.ofVirtual().start(() -> {
                awaitExit(Duration.ofSeconds(60));
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            });
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        api.close();
    }

    /** SIGKILL, as a crashed or out-of-memory sandbox dies: whatever it was running fails with Runtime.ExitError. */
    void crash() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Waits for the JVM to go away (used on shutdown so no orphan JVMs stay behind). */
    void awaitExit(Duration max) {
        try {
            process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Relays the child's output line by line, and a write without a newline (LambdaLogger.log) as soon as nothing
     * more is pending: waiting for the newline would hold such lines until the JVM exits.
     */
    private void pipe(InputStream stream) {
        Thread.ofVirtual().name(config.logicalId() + "-log").start(() -> {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (stream) {
                for (int n; (n = stream.read(buffer)) > 0; ) {
                    int start = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] != '\n') continue;
                        line.write(buffer, start, i - start);
                        emit(line);
                        start = i + 1;
                    }
                    line.write(buffer, start, n - start);
                    if (line.size() > 0 && stream.available() == 0) emit(line);
                }
            } catch (IOException e) {
                // the process ended: nothing more to read
            }
            if (line.size() > 0) emit(line);
        });
    }

    private void emit(java.io.ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        if (text.startsWith(SANDBOX_NOTICE) && !notices.add(text)) return; // the sandbox's SDK notices: once per function
        log.line(config.logicalId(), text);
    }
}
