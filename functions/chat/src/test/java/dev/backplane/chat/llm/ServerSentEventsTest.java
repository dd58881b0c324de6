package dev.backplane.chat.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event-stream grammar, including the cases naive line splitting gets wrong. */
class ServerSentEventsTest {
    private static List<ServerSentEvents.Event> parse(String text) throws Exception {
        List<ServerSentEvents.Event> events = new ArrayList<>();
        new ServerSentEvents(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).forEach(events::add);
        return events;
    }

    @Test
    void followsTheSpec() throws Exception {
        List<ServerSentEvents.Event> events = parse(": keep-alive\r\n"
            + "data: {\"a\":1}\r\n\r\n"              // CRLF
            + "event: delta\rdata:no space\r\r"        // CR only, no space after the colon
            + "data: line one\ndata: line two\n\n"     // multi-line data joins with \n
            + "id: 7\ndata:  two spaces\n\n"           // only ONE leading space is removed
            + "event: ignored-without-data\n\n"
            + "data: trailing, never dispatched");
        assertEquals(4, events.size());
        assertEquals(new ServerSentEvents.Event("message", "{\"a\":1}", ""), events.get(0));
        assertEquals(new ServerSentEvents.Event("delta", "no space", ""), events.get(1));
        assertEquals("line one\nline two", events.get(2).data());
        assertEquals(new ServerSentEvents.Event("message", " two spaces", "7"), events.get(3));
    }
}
