package dev.backplane.ops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.config.Config;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.store.PageCursor;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.ops.OpsFunctions;
import dev.backplane.ops.domain.EventQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /admin/events} and {@code GET /admin/traces/{id}} are admin reads of other users' data: their cursors are
 * signed for the admin and the query (anything else is a 400 invalid-cursor before DynamoDB is asked), and every
 * answered read is audited as an {@code ops.admin_read} event through the outbox; refused reads record nothing.
 */
class AdminEventReadsTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private final String table = LocalDynamo.newAppTable();
    private final DynamoEventStore store = new DynamoEventStore(LocalDynamo.client(), table, Duration.ofDays(30));
    private final FunctionHarness functions = new FunctionHarness(new OpsFunctions(Config.of(LocalDynamo.environment(table))));

    @AfterEach
    void close() { functions.close(); }

    @Test
    void onlyTheCursorThisAdminGotForThisQueryOpensTheNextPage() {
        archive(6);
        JsonNode first = ok(find("user-admin", Map.of("type", "order.placed", "limit", "2")));
        String cursor = first.get("nextCursor").asString();
        JsonNode second = ok(find("user-admin", Map.of("type", "order.placed", "limit", "2", "cursor", cursor)));
        assertEquals(2, second.get("items").size());
        assertNotEquals(first.get("items").get(0).get("id").asString(), second.get("items").get(0).get("id").asString());

        String payload = cursor.substring(0, cursor.indexOf('.'));
        String mac = cursor.substring(cursor.indexOf('.') + 1);
        Map<String, String> refused = new LinkedHashMap<>();
        // the unsigned format this listing used to take: a partition and sort key of the caller's choosing
        refused.put("crafted", b64("EVTYPE#order.placed\n0000000000000#x"));
        refused.put("crafted with a borrowed signature", b64("{\"pk\":{\"S\":\"EVUSER#user-bob\"},\"sk\":{\"S\":\"0#x\"}}") + "." + mac);
        refused.put("edited", payload.substring(0, 3) + (payload.charAt(3) == 'A' ? "B" : "A") + payload.substring(4) + "." + mac);
        refused.put("empty", "");
        refused.put("garbage", "%%%not-a-cursor%%%");
        refused.put("dots only", "...");
        refused.put("huge", "a".repeat(5000) + "." + "b".repeat(40));
        refused.put("unicode", "\u202e\u0000.\ud83d\ude00");
        for (var c : refused.entrySet()) {
            assertInvalidCursor(find("user-admin", Map.of("type", "order.placed", "limit", "2", "cursor", c.getValue())), c.getKey());
        }
        assertInvalidCursor(find("user-admin2", Map.of("type", "order.placed", "limit", "2", "cursor", cursor)), "another admin's cursor");
        assertInvalidCursor(find("user-admin", Map.of("type", "order.paid", "limit", "2", "cursor", cursor)), "another query's cursor");
        assertInvalidCursor(find("user-admin", Map.of("type", "order.placed", "userId", "user-alice", "limit", "2", "cursor", cursor)),
            "a narrowed query's cursor");
    }

    /** Even a correctly signed key is checked: it must name a partition of the query and a sort key of the store's shape. */
    @Test
    void aSignedKeyOutsideTheQueryIsStillRefused() {
        EventQuery query = new EventQuery(List.of("order.placed"), null, null, null, null, null);
        String binding = DynamoEventStore.binding(query, "user-admin");
        for (Map<String, AttributeValue> key : List.of(
            Map.of("pk", Items.s("EVUSER#user-bob"), "sk", Items.s("0000000000000#x")),
            Map.of("pk", Items.s("EVTYPE#order.placed"), "sk", Items.s("not a sort key")),
            Map.of("pk", Items.s("EVTYPE#order.placed")),
            Map.of("pk", Items.s("EVTYPE#order.placed"), "sk", Items.s("0000000000000#x"), "gsi1pk", Items.s("X")))) {
            assertInvalidCursor(find("user-admin", Map.of("type", "order.placed", "cursor", PageCursor.encode(key, binding))), key.toString());
        }
    }

    @Test
    void answeredAdminReadsAreAuditedAndRefusedOnesAreNot() {
        archive(3);
        ok(find("user-admin", Map.of("type", "order.placed", "userId", "user-alice", "limit", "2")));
        List<JsonNode> audit = audit();
        assertEquals(1, audit.size(), audit.toString());
        JsonNode read = audit.getFirst();
        assertEquals("user-admin", read.get("actor").get("userId").asString());
        assertEquals("user-admin", read.get("data").get("adminId").asString());
        assertEquals("GET /admin/events", read.get("data").get("route").asString());
        assertEquals("user-alice", read.get("data").get("query").get("filter").get("userId").asString());
        assertEquals(2, read.get("data").get("returned").asInt());
        assertNotNull(Instant.parse(read.get("data").get("readAt").asString()));
        assertEquals("corr-sample-ops-find-events", read.get("correlationId").asString());

        APIGatewayV2HTTPResponse trace = trace("user-admin", "corr-reads-1");
        assertEquals(200, trace.getStatusCode(), trace.getBody());
        audit = audit();
        assertEquals(2, audit.size());
        JsonNode traceRead = audit.stream().filter(e -> e.get("data").get("route").asString().startsWith("GET /admin/traces")).findFirst().orElseThrow();
        assertEquals("corr-reads-1", traceRead.get("data").get("query").get("correlationId").asString());
        assertEquals("user-admin", traceRead.get("data").get("adminId").asString());

        assertEquals(403, find("user-alice", Map.of("type", "order.placed"), List.of("user")).getStatusCode());
        assertEquals(403, trace("user-alice", "corr-reads-1", List.of("user")).getStatusCode());
        assertInvalidCursor(find("user-admin", Map.of("type", "order.placed", "cursor", "x")), "garbage");
        assertEquals(422, find("user-admin", Map.of("subject", "not a subject")).getStatusCode());
        assertEquals(2, audit().size(), "refused reads are not audited");
    }

    private List<JsonNode> audit() {
        return LocalDynamo.client().scanPaginator(b -> b.tableName(table)).items().stream()
            .filter(i -> Items.str(i, "pk").startsWith("OUTBOX#") && "ops.admin_read".equals(Items.str(i, "eventType")))
            .map(i -> Json.tree(Items.str(i, "event"))).toList();
    }

    private APIGatewayV2HTTPResponse find(String admin, Map<String, String> query) { return find(admin, query, List.of("admin", "user")); }

    private APIGatewayV2HTTPResponse find(String userId, Map<String, String> query, List<String> roles) {
        ObjectNode request = (ObjectNode) Json.tree(FunctionHarness.event("FindEventsFunction/find-events_by-subject.json"));
        ObjectNode params = request.putObject("queryStringParameters");
        query.forEach(params::put);
        as(request, userId, roles);
        return functions.invoke("findEvents", APIGatewayV2HTTPEvent.class, Json.write(request));
    }

    private APIGatewayV2HTTPResponse trace(String admin, String correlationId) { return trace(admin, correlationId, List.of("admin", "user")); }

    private APIGatewayV2HTTPResponse trace(String userId, String correlationId, List<String> roles) {
        ObjectNode request = (ObjectNode) Json.tree(FunctionHarness.event("GetTraceFunction/get-trace_admin.json"));
        request.putObject("pathParameters").put("correlationId", correlationId);
        as(request, userId, roles);
        return functions.invoke("getTrace", APIGatewayV2HTTPEvent.class, Json.write(request));
    }

    private static void as(ObjectNode request, String userId, List<String> roles) {
        ObjectNode claims = (ObjectNode) request.get("requestContext").get("authorizer").get("jwt").get("claims");
        claims.put("sub", userId).put("groups", "[" + String.join(" ", roles) + "]");
    }

    private static JsonNode ok(APIGatewayV2HTTPResponse r) {
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.tree(r.getBody());
    }

    private static void assertInvalidCursor(APIGatewayV2HTTPResponse r, String what) {
        assertEquals(400, r.getStatusCode(), what + ": " + r.getBody());
        assertEquals("https://backplane.dev/problems/invalid-cursor", Json.tree(r.getBody()).get("type").asString(), what);
    }

    private static String b64(String text) { return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8)); }

    private void archive(int n) {
        for (int i = 0; i < n; i++) {
            store.record(EventEnvelope.wrap(NewEvent.of("order.placed", new Subject("order", "ord-" + i), Map.of("orderId", "ord-" + i, "userId", "user-alice")),
                "backplane.orders", new Trace("corr-reads-" + (i % 2), "req-" + i, new Actor("user-alice", List.of("user"))), T0.plusMillis(i)));
        }
    }
}
