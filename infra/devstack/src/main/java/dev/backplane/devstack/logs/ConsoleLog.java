package dev.backplane.devstack.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.Json;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints one line per log record: {@code Source | correlationId | text}, each source in its own colour on a TTY.
 * JSON lines (Powertools) are shown as level + message, keeping the whole record readable in one line.
 */
public final class ConsoleLog implements LogSink {
    private static final int[] COLOURS = {36, 32, 35, 33, 34, 96, 92, 95, 93, 94};
    private final PrintStream out;
    private final boolean colour;
    private final Map<String, Integer> colourOf = new ConcurrentHashMap<>();

    public ConsoleLog(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /** Colours only when attached to a terminal and NO_COLOR is not set (https://no-color.org). */
    public static ConsoleLog stdout() {
        boolean tty = System.console() != null && System.getenv("NO_COLOR") == null;
        return new ConsoleLog(System.out, tty);
    }

    @Override
    public void line(String source, String text) {
        LogLine parsed = LogLine.of(text);
        String cid = parsed.correlationId() == null ? "" : " [" + parsed.correlationId() + "]";
        String prefix = String.format("%-24s", source) + cid;
        if (colour) {
            int c = colourOf.computeIfAbsent(source, s -> "devstack".equals(s) ? 1 : COLOURS[Math.floorMod(s.hashCode(), COLOURS.length)]);
            prefix = "\u001b[" + c + "m" + prefix + "\u001b[0m";
        }
        synchronized (out) {
            out.println(prefix + " | " + parsed.display());
        }
    }

    /** A log line with the parts devstack cares about. */
    public record LogLine(String correlationId, String display) {
        public static LogLine of(String text) {
            JsonNode json = Json.tryParse(text);
            if (json == null || !json.isObject()) return new LogLine(null, text);
            String cid = firstText(json, "correlationId", "correlation_id", "correlationID");
            String message = firstText(json, "message", "msg");
            String level = firstText(json, "level", "log.level");
            String display = message == null ? text : (level == null ? "" : level + " ") + message + error(json);
            return new LogLine(cid, display);
        }

        /** A logged exception must stay visible: Powertools puts it under "error", ECS-style layouts elsewhere. */
        private static String error(JsonNode json) {
            for (String field : new String[] {"error", "exception", "error.stack_trace", "stack_trace", "stackTrace"}) {
                JsonNode e = json.get(field);
                if (e == null || e.isNull()) continue;
                if (!e.isObject()) return "\n" + e.asText();
                String type = firstText(e, "name", "type", "class");
                String message = firstText(e, "message", "msg");
                String stack = firstText(e, "stack", "stack_trace", "stackTrace");
                return " | " + (type == null ? "" : type + ": ") + (message == null ? "" : message) + (stack == null ? "" : "\n" + stack);
            }
            return "";
        }

        private static String firstText(JsonNode json, String... names) {
            for (String n : names) {
                JsonNode v = json.get(n);
                if (v != null && !v.isNull()) return v.asText();
            }
            return null;
        }
    }
}
