// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.lambda.Invoker;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Invokes a function the way an API Gateway integration does: bounded by the integration timeout (the function's
 * own timeout is the Invoker's business), with the outcome classified so each API type can answer like AWS.
 */
final class FunctionCall {
    sealed interface Outcome {}

    record Ok(byte[] payload) implements Outcome {}

    /** The function failed (exception, crash, its own timeout). */
    record Failed(String errorType, String message) implements Outcome {}

    /** Lambda refused the call (concurrency limit). */
    record Throttled() implements Outcome {}

    /** The integration timeout elapsed before the function answered. */
    record TimedOut() implements Outcome {}

    /** How long a caller may wait for an instance (cold start, or all instances busy) before its timeout starts. */
    static final Duration QUEUE_BUDGET = Duration.ofSeconds(60);
    private final Invoker invoker;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    FunctionCall(Invoker invoker) { this.invoker = invoker; }

    /**
     * The integration timeout counts from when an initialised instance takes the event: a caller arriving during a
     * cold start (or queued behind busy instances) waits for it, up to {@link #QUEUE_BUDGET}, instead of turning the
     * cold start into a 5xx. The runtime bounds the cold start itself (its init timeout fails the call).
     */
    Outcome invoke(String functionLogicalId, byte[] event, Duration integrationTimeout) {
        java.util.concurrent.CompletableFuture<Void> started = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<byte[]> future = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return invoker.invoke(functionLogicalId, event, () -> started.complete(null));
            } catch (Invoker.FunctionError e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
        try {
            try {
                java.util.concurrent.CompletableFuture.anyOf(started, future).get(QUEUE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException failedBeforeStart) {
                // reported below from the call's own outcome
            }
            return new Ok(future.get(integrationTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new TimedOut(); // the function itself runs on to its own timeout, as behind API Gateway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("Interrupted", "gateway interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Invoker.FunctionError fe) {
                String type = fe.errorType() == null ? "" : fe.errorType();
                if (type.endsWith("TooManyRequestsException")) return new Throttled();
                return new Failed(type, fe.getMessage());
            }
            return new Failed(e.getCause().getClass().getName(), String.valueOf(e.getCause().getMessage()));
        }
    }

    void close() { executor.shutdownNow(); }
}
