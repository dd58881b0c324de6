package dev.backplane.ops.contracts;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.LocalDynamo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The event contracts under {@code events/schemas}: {@code envelope.json} and one data schema per event type and
 * version ({@code <type>/v<N>.json}, JSON Schema draft 2020-12).
 */
final class EventSchemas {
    static final Path DIR = LocalDynamo.repoRoot().resolve("events/schemas");
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.json");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    record Contract(String type, int version, JsonNode raw, Schema schema) {
        String source() { return raw.path("x-source").asString(); }
    }

    private final Schema envelope;
    private final Map<String, Contract> contracts = new TreeMap<>();

    EventSchemas() {
        envelope = REGISTRY.getSchema(read(DIR.resolve("envelope.json")));
        try (Stream<Path> types = Files.list(DIR)) {
            for (Path typeDir : types.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(typeDir)) {
                    for (Path file : files.sorted().toList()) {
                        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
                        if (!m.matches()) throw new AssertionError("unexpected file " + file + ": schemas are named v<N>.json");
                        String type = typeDir.getFileName().toString();
                        int version = Integer.parseInt(m.group(1));
                        String raw = read(file);
                        contracts.put(key(type, version), new Contract(type, version, Json.tree(raw), REGISTRY.getSchema(raw)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Contract> all() { return List.copyOf(contracts.values()); }

    /** Problems of one envelope against the envelope schema and its type's data schema; empty when valid. */
    List<String> problems(JsonNode event) {
        List<String> problems = new ArrayList<>();
        envelope.validate(event).forEach(e -> problems.add("envelope: " + e));
        String type = event.path("type").asString("");
        int version = event.path("version").asInt(0);
        Contract contract = contracts.get(key(type, version));
        if (contract == null) problems.add("no schema for " + type + " v" + version + " under events/schemas");
        else contract.schema().validate(event.path("data")).forEach(e -> problems.add("data: " + e));
        return problems;
    }

    private static String key(String type, int version) { return type + "/v" + version; }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
