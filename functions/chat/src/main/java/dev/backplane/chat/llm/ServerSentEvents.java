package dev.backplane.chat.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A parser of the {@code text/event-stream} format as the HTML Living Standard defines it (§9.2.6): lines end in
 * CRLF, LF or CR; a line starting with ":" is a comment; "field: value" (one optional space after the colon) sets
 * {@code event}, {@code data} (several data lines join with "\n"), {@code id} or {@code retry}; a blank line
 * dispatches the event (nothing is dispatched without data); a trailing event without its blank line is dropped.
 */
public final class ServerSentEvents {
    /** One dispatched event; {@code event} is "message" when the stream named none. */
    public record Event(String event, String data, String id) {}

    private final Reader reader;
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastId = "";
    private boolean hasData;

    public ServerSentEvents(InputStream in) { this.reader = new InputStreamReader(in, StandardCharsets.UTF_8); }

    /** Reads to the end of the stream, handing each event over as soon as its blank line arrives. */
    public void forEach(Consumer<Event> sink) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean afterCr = false;
        int c;
        while ((c = reader.read()) != -1) {
            if (c == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = c == '\r';
            if (c == '\r' || c == '\n') {
                processLine(line.toString(), sink);
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
    }

    private void processLine(String line, Consumer<Event> sink) {
        if (line.isEmpty()) {
            if (hasData) sink.accept(new Event(eventType.isEmpty() ? "message" : eventType, data.toString(), lastId));
            data.setLength(0);
            hasData = false;
            eventType = "";
            return;
        }
        if (line.startsWith(":")) return;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                if (hasData) data.append('\n');
                data.append(value);
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) lastId = value;
            }
            default -> { } // "retry" and unknown fields do not matter to a one-shot stream
        }
    }
}
