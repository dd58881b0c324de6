package dev.backplane.ops.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A published event version is a promise to its consumers: {@code events/schemas/compatibility.lock} records every
 * field of every version (path, type, required) as consumers may rely on it. Removing a field, changing its type or
 * making a required field optional breaks consumers of that version and fails here — publish the change as the next
 * version instead. Adding a field is compatible; it fails only until its line is added to the lock.
 */
class SchemaCompatibilityTest {
    static final Path LOCK = EventSchemas.DIR.resolve("compatibility.lock");

    @Test
    void noPublishedVersionChangesIncompatibly() throws IOException {
        Set<String> current = fingerprint(new EventSchemas().all());
        Set<String> locked = new TreeSet<>(Files.readAllLines(LOCK).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
        Set<String> broken = new TreeSet<>(locked);
        broken.removeAll(current);
        Set<String> added = new TreeSet<>(current);
        added.removeAll(locked);
        if (!broken.isEmpty() || !added.isEmpty()) Files.writeString(Path.of("target/compatibility.lock"), String.join("\n", current) + "\n");
        assertTrue(broken.isEmpty(), "breaking changes to published event versions (publish them as a new version): " + broken);
        assertTrue(added.isEmpty(), "compatible additions not yet in events/schemas/compatibility.lock (add these lines): " + added);
    }

    @Test
    void changingAFieldTypeIsCaught() {
        EventSchemas.Contract placed = new EventSchemas().all().stream().filter(c -> c.type().equals("order.placed")).findFirst().orElseThrow();
        var changed = (tools.jackson.databind.node.ObjectNode) placed.raw().deepCopy();
        ((tools.jackson.databind.node.ObjectNode) changed.get("properties")).set("total", Json.object().put("type", "string"));
        Set<String> before = fields(placed.type(), placed.version(), placed.raw());
        Set<String> after = fields(placed.type(), placed.version(), changed);
        before.removeAll(after);
        assertEquals(Set.of("order.placed v1 total integer required"), before);
    }

    static Set<String> fingerprint(List<EventSchemas.Contract> contracts) {
        Set<String> out = new TreeSet<>();
        contracts.forEach(c -> out.addAll(fields(c.type(), c.version(), c.raw())));
        return out;
    }

    static Set<String> fields(String type, int version, JsonNode schema) {
        Set<String> out = new TreeSet<>();
        walk(type + " v" + version + " ", "", schema, out);
        return out;
    }

    private static void walk(String prefix, String path, JsonNode schema, Set<String> out) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        schema.path("properties").properties().forEach(p -> {
            String name = path + p.getKey();
            JsonNode property = p.getValue();
            out.add(prefix + name + " " + kind(property) + (required.contains(p.getKey()) ? " required" : " optional"));
            if (property.has("properties")) walk(prefix, name + ".", property, out);
            if (property.path("items").has("properties")) walk(prefix, name + "[].", property.get("items"), out);
            if (property.path("additionalProperties").isObject()) out.add(prefix + name + ".* " + kind(property.get("additionalProperties")) + " optional");
        });
    }

    private static String kind(JsonNode property) {
        if (property.has("type")) {
            JsonNode t = property.get("type");
            if (!t.isArray()) return t.asString();
            List<String> types = new ArrayList<>();
            t.forEach(x -> types.add(x.asString()));
            return String.join("|", types);
        }
        if (property.has("oneOf")) return "oneOf" + property.get("oneOf").size();
        if (property.has("const")) return "const:" + property.get("const");
        return "any";
    }
}
