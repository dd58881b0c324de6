package dev.backplane.devstack.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live status line: what it shows from a stats snapshot, and log lines printed above it. */
class StatusLineTest {
    static JsonNode stats(long invocations, long errors, int instances, long rssMb, long visible, long inFlight, long dlq) {
        var s = Json.object().put("invocations", invocations).put("functionErrors", errors).put("instances", instances)
            .put("maxJvms", 16).put("functionRssMb", rssMb);
        var queues = s.putObject("queues");
        queues.putObject("OrdersQueue").put("visible", visible).put("inFlight", inFlight);
        queues.putObject("OrdersDlq").put("visible", dlq).put("inFlight", 0);
        s.putObject("faults").putObject("active");
        return s;
    }

    @Test
    void showsRatesErrorsQueuesJvmsAndMemory() {
        String line = StatusLine.format(stats(130, 2, 5, 1536, 3, 1, 1), stats(100, 2, 4, 1200, 0, 0, 1), 2.0, 200);
        assertEquals("devstack │ 15.0 inv/s · 130 calls · 2 errors · queued 3 (+1 in flight) · DLQ 1 · JVMs 5/16 · 1.5 GB RSS", line);
    }

    @Test
    void theFirstLineHasNoRateAndQuietPartsAreLeftOut() {
        assertEquals("devstack │ – inv/s · 0 calls · 0 errors · queued 0 · JVMs 0/16", StatusLine.format(stats(0, 0, 0, 0, 0, 0, 0), null, 0, 200));
        assertEquals("devstack │ 0.0 inv/s · 7 calls · 0 errors · queued 0 · JVMs 1/16 · 230 MB RSS",
            StatusLine.format(stats(7, 0, 1, 230, 0, 0, 0), stats(7, 0, 1, 230, 0, 0, 0), 1.0, 200));
    }

    @Test
    void aNarrowTerminalGetsACutLine() {
        String line = StatusLine.format(stats(130, 2, 5, 1536, 3, 1, 1), null, 0, 40);
        assertEquals(40, line.length());
        assertTrue(line.endsWith("…"));
    }

    @Test
    void logLinesArePrintedAboveTheStatusLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (StatusLine status = new StatusLine((source, text) -> out.println(source + " | " + text), out,
                () -> stats(1, 0, 1, 100, 0, 0, 0), Duration.ofHours(1))) {
            status.refresh();
            status.line("Echo", "hello");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\u001b[2KEcho | hello\n" + "devstack │"), text);
    }
}
