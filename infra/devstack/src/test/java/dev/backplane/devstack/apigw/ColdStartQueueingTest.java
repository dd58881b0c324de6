package dev.backplane.devstack.apigw;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.backplane.devstack.lambda.Invoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A cold start does not count against the integration timeout: callers wait for the instance, then the timeout applies. */
class ColdStartQueueingTest {
    /** Takes {@code initMs} before an instance takes the event, then {@code runMs} to answer. */
    record SlowStart(long initMs, long runMs) implements Invoker {
        @Override
        public byte[] invoke(String function, byte[] event) { throw new UnsupportedOperationException(); }

        @Override
        public byte[] invoke(String function, byte[] event, Runnable onStart) {
            pause(initMs);
            onStart.run();
            pause(runMs);
            return "{}".getBytes(StandardCharsets.UTF_8);
        }

        private static void pause(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aCallerArrivingDuringAColdStartIsServedNotTimedOut() {
        FunctionCall calls = new FunctionCall(new SlowStart(1_500, 10));
        assertInstanceOf(FunctionCall.Ok.class, calls.invoke("Authorizer", new byte[0], Duration.ofMillis(300)));
        calls.close();
    }

    @Test
    void theIntegrationTimeoutStillAppliesOnceTheFunctionRuns() {
        FunctionCall calls = new FunctionCall(new SlowStart(0, 1_500));
        assertInstanceOf(FunctionCall.TimedOut.class, calls.invoke("Slow", new byte[0], Duration.ofMillis(300)));
        calls.close();
    }
}
