package dev.backplane.devstack.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleLogTest {
    @Test
    void jsonLinesShowLevelMessageCorrelationIdAndErrors() {
        var line = ConsoleLog.LogLine.of("{\"level\":\"ERROR\",\"message\":\"payment failed\",\"correlationId\":\"c-42\","
            + "\"error\":{\"name\":\"java.lang.IllegalStateException\",\"message\":\"card declined\",\"stack\":\"at x.Y.z(Y.java:1)\"}}");
        assertEquals("c-42", line.correlationId());
        assertEquals("ERROR payment failed | java.lang.IllegalStateException: card declined\nat x.Y.z(Y.java:1)", line.display());
        assertEquals("c-9", ConsoleLog.LogLine.of("{\"message\":\"m\",\"correlation_id\":\"c-9\"}").correlationId());
    }

    @Test
    void plainLinesPassThroughAndColoursOnlyWhenAsked() {
        var plain = ConsoleLog.LogLine.of("START RequestId: 1 Version: $LATEST");
        assertNull(plain.correlationId());
        assertEquals("START RequestId: 1 Version: $LATEST", plain.display());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ConsoleLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), false).line("Fn", "{\"message\":\"hi\",\"correlationId\":\"c\"}");
        assertEquals("Fn                       [c] | hi", bytes.toString(StandardCharsets.UTF_8).strip());
        bytes.reset();
        new ConsoleLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), true).line("Fn", "x");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("\u001b["), "ANSI colour on a TTY");
    }
}
