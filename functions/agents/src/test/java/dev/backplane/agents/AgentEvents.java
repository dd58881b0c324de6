package dev.backplane.agents;

import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Sample SQS deliveries (events/) adjusted per test, and the outbox of a test table. */
public final class AgentEvents {
    private AgentEvents() {}

    /** The sample with another event id, time, subject id and data fields. */
    public static String delivery(String sample, String eventId, Instant at, Map<String, Object> data) {
        ObjectNode sqs = (ObjectNode) Json.tree(FunctionHarness.event(sample));
        ObjectNode record = (ObjectNode) sqs.get("Records").get(0);
        ObjectNode body = (ObjectNode) Json.tree(record.get("body").asString());
        ObjectNode detail = (ObjectNode) body.get("detail");
        detail.put("id", eventId).put("occurredAt", at.toString());
        ObjectNode d = (ObjectNode) detail.get("data");
        data.forEach((k, v) -> d.set(k, Json.toTree(v)));
        if (d.has("orderId")) ((ObjectNode) detail.get("subject")).put("id", d.get("orderId").asString());
        record.put("body", Json.write(body)).put("messageId", UUID.randomUUID().toString());
        return Json.write(sqs);
    }

    public static String id() { return UUID.randomUUID().toString(); }

    public static List<JsonNode> outbox(String table, String type) {
        return LocalDynamo.client().scanPaginator(b -> b.tableName(table).filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", Items.s("OUTBOX#")))).items().stream()
            .map(i -> Json.tree(i.get("event").s())).filter(e -> e.get("type").asString().equals(type)).toList();
    }
}
