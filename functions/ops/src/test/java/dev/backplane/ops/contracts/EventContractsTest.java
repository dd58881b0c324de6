package dev.backplane.ops.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Schema violations fail the build: every envelope in the sample events (SQS deliveries, stream images of outbox
 * items) must match the envelope schema and its type's data schema; samples named {@code *invalid*} / {@code *poison*}
 * must not. docs/events.md's catalogue is generated from the schemas and must be current.
 */
class EventContractsTest {
    private static final String START = "<!-- catalogue:start (generated from events/schemas by EventContractsTest) -->";
    private static final String END = "<!-- catalogue:end -->";
    /** Functions whose queue carries internal work items rather than events (notification delivery jobs). */
    private static final Set<String> WORK_QUEUE_CONSUMERS = Set.of("DeliverNotificationsFunction");
    private final EventSchemas schemas = new EventSchemas();

    @Test
    void everySampleEnvelopeMatchesItsSchema() throws IOException {
        Map<String, List<String>> failures = new LinkedHashMap<>();
        int checked = 0;
        for (Path sample : samples()) {
            boolean meantInvalid = sample.getFileName().toString().matches(".*(invalid|poison).*");
            for (JsonNode envelope : envelopesIn(Json.tree(Files.readString(sample)))) {
                List<String> problems = schemas.problems(envelope);
                if (!meantInvalid && !problems.isEmpty()) failures.put(FunctionHarness.eventsDir().relativize(sample) + " " + envelope.path("type"), problems);
                checked++;
            }
        }
        assertTrue(failures.isEmpty(), "sample events that break their contract: " + failures);
        assertTrue(checked >= 8, "expected the SQS and stream samples to hold envelopes, found " + checked);
    }

    @Test
    void aBrokenEnvelopeIsCaught() {
        JsonNode sample = envelopesIn(Json.tree(FunctionHarness.event("RecordEventFunction/sqs_order-placed.json"))).getFirst();
        var broken = (tools.jackson.databind.node.ObjectNode) sample.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) broken.get("data")).put("total", "twelve");
        assertFalse(schemas.problems(broken).isEmpty(), "a string total must fail order.placed v1");
        broken = (tools.jackson.databind.node.ObjectNode) sample.deepCopy();
        broken.put("version", 9);
        assertFalse(schemas.problems(broken).isEmpty(), "an unknown version has no contract");
    }

    @Test
    void theCatalogueInDocsIsGeneratedFromTheSchemas() throws IOException {
        Path doc = LocalDynamo.repoRoot().resolve("docs/events.md");
        String text = Files.readString(doc);
        String expected = catalogue();
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        String actual = start < 0 || end < start ? "" : text.substring(start + START.length(), end);
        if (!expected.equals(actual)) {
            Path out = Path.of("target/events-catalogue.md");
            Files.writeString(out, START + expected + END + "\n");
            assertEquals(expected, actual, "docs/events.md's catalogue is stale; the current one is in " + out.toAbsolutePath());
        }
    }

    static String catalogue() {
        StringBuilder out = new StringBuilder("\n| type | version | source | data (`?` = optional) | emitted when |\n|---|---|---|---|---|\n");
        for (EventSchemas.Contract c : new EventSchemas().all()) {
            List<String> fields = new ArrayList<>();
            List<String> required = c.raw().path("required").valueStream().map(JsonNode::asString).toList();
            c.raw().path("properties").propertyNames().forEach(name -> fields.add(required.contains(name) ? name : name + "?"));
            out.append("| `").append(c.type()).append("` | ").append(c.version()).append(" | `").append(c.source()).append("` | `")
                .append(String.join(", ", fields)).append("` | ").append(c.raw().path("description").asString().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    /** Envelopes inside a sample: EventBridge deliveries in SQS bodies, outbox items in stream images. */
    static List<JsonNode> envelopesIn(JsonNode sample) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode record : sample.path("Records")) {
            if (record.has("body")) {
                try {
                    JsonNode body = Json.tree(record.get("body").asString());
                    out.add(body.has("detail-type") ? body.get("detail") : body);
                } catch (RuntimeException notJson) {
                    out.add(Json.object().put("unparseable", record.get("body").asString()));
                }
            }
            JsonNode image = record.path("dynamodb").path("NewImage");
            if (image.path("pk").path("S").asString("").startsWith("OUTBOX#")) out.add(Json.tree(image.path("event").path("S").asString()));
        }
        return out;
    }

    private static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.walk(FunctionHarness.eventsDir())) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.startsWith(EventSchemas.DIR))
                .filter(p -> !WORK_QUEUE_CONSUMERS.contains(FunctionHarness.eventsDir().relativize(p).getName(0).toString())).sorted().toList();
        }
    }
}
