package dev.backplane.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Stopping under load loses no accepted asynchronous invocation: unfinished ones are kept and run after a restart. */
class ShutdownTest {
    private static final int EVENTS = 16;

    static Set<String> handled(CapturingLog log) {
        Set<String> ids = new TreeSet<>();
        for (var line : log.matching("SlowRecorder", t -> t.startsWith("EVENT "))) {
            ids.add(line.text().replaceAll(".*\"n\"\\s*:\\s*(\\d+).*", "$1"));
        }
        return ids;
    }

    @Test
    void asyncInvocationsInFlightAtAStopRunAfterTheRestart() throws Exception {
        Path persist = Files.createTempDirectory("devstack-stop");
        Set<String> all = new TreeSet<>();
        RunningDevstack first = new RunningDevstack("functions.yaml", persist);
        // more work than the instances allowed can finish in the stop's 5 s grace, however fast their cold starts
        for (int n = 0; n < EVENTS; n++) {
            first.devstack.lambda().invokeAsync("SlowRecorder", ("{\"n\":" + n + ",\"sleepMs\":2500}").getBytes(StandardCharsets.UTF_8));
        }
        Thread.sleep(500);
        first.close(); // some events run, the rest wait when the stop comes
        all.addAll(handled(first.log));
        first.log.await("devstack", t -> t.contains("asynchronous invocation(s) kept in"), 1, Duration.ofSeconds(1));

        try (RunningDevstack second = new RunningDevstack("functions.yaml", persist)) {
            second.log.await("devstack", t -> t.contains("submitted again"), 1, Duration.ofSeconds(5));
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < end) {
                Set<String> now = new TreeSet<>(all);
                now.addAll(handled(second.log));
                if (now.size() == EVENTS) break;
                Thread.sleep(200);
            }
            all.addAll(handled(second.log));
        }
        Set<String> expected = new TreeSet<>();
        for (int n = 0; n < EVENTS; n++) expected.add(Integer.toString(n));
        assertEquals(expected, all, "every accepted event was handled in one run or the other");
    }
}
