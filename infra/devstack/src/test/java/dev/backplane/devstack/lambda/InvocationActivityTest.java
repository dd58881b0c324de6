package dev.backplane.devstack.lambda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stream pollers wake when an invocation ends instead of sleeping their idle interval. */
class InvocationActivityTest {
    @Test
    void anEndedInvocationWakesAWaitingPoller() throws Exception {
        InvocationActivity activity = new InvocationActivity();
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            activity.await(Duration.ofMillis(10), Duration.ofSeconds(30));
            return (System.nanoTime() - start) / 1_000_000;
        });
        Thread.sleep(200);
        activity.invocationEnded();
        assertTrue(waited.get() < 10_000, "woken by the invocation, not by the 30 s idle interval: " + waited.get() + " ms");
    }

    @Test
    void pollsBrisklyWhileInvocationsAreRecent() {
        InvocationActivity activity = new InvocationActivity();
        activity.invocationEnded();
        long start = System.nanoTime();
        activity.await(Duration.ofMillis(10), Duration.ofSeconds(30));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "busy interval, not the idle one");
    }
}
