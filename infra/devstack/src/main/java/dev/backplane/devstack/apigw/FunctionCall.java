// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.lambda.Invoker;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private final Invoker invoker;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    FunctionCall(Invoker invoker) { this.invoker = invoker; }

    Outcome invoke(String functionLogicalId, byte[] event, Duration integrationTimeout) {
        Future<byte[]> future = executor.submit(() -> invoker.invoke(functionLogicalId, event));
        try {
            return new Ok(future.get(integrationTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new TimedOut();
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
