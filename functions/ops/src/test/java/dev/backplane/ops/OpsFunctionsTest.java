package dev.backplane.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.DynamoHopLog;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.core.testing.RecordingEventBridge;
import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** relay (stream sample) → PutEvents endpoint; event store (SQS samples) → trace lookup, on DynamoDB Local. */
class OpsFunctionsTest {
    private final String table = LocalDynamo.newAppTable();
    private final RecordingEventBridge bridge = new RecordingEventBridge();
    private final FunctionHarness functions;

    OpsFunctionsTest() {
        Map<String, String> env = new HashMap<>(LocalDynamo.environment(table));
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", bridge.endpoint());
        functions = new FunctionHarness(new OpsFunctions(Config.of(env)));
    }

    @AfterEach
    void close() {
        functions.close();
        bridge.close();
    }

    @Test
    void relayPublishesTheOutboxEventToTheBus() {
        StreamsEventResponse r = functions.invoke("relayOutbox", DynamodbEvent.class,
            FunctionHarness.event("OutboxRelayFunction/stream_outbox-insert.json"));
        assertTrue(r.getBatchItemFailures().isEmpty());
        JsonNode entry = bridge.accepted().getFirst();
        assertEquals("backplane-test", entry.get("EventBusName").asString());
        assertEquals("order.placed", entry.get("DetailType").asString());
        assertEquals("corr-sample-0001", Json.tree(entry.get("Detail").asString()).get("correlationId").asString());
    }

    @Test
    void sweeperRunsFromItsScheduledInput() {
        Object result = functions.invoke("sweepOutbox", Map.class, FunctionHarness.event("OutboxSweeperFunction/sweep_scheduled.json"));
        JsonNode r = Json.tree(Json.write(result));
        assertEquals(0, r.get("found").asInt(), r.toString());
        assertEquals(0, r.get("failed").asInt());
    }

    @Test
    void healthIsPublicAndCheap() {
        APIGatewayV2HTTPResponse r = functions.invoke("getHealth", APIGatewayV2HTTPEvent.class, FunctionHarness.event("GetHealthFunction/health_public.json"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("ok", Json.tree(r.getBody()).get("status").asString());
        assertTrue(Json.tree(r.getBody()).has("version"));
    }

    @Test
    void adminHealthReportsTheOutboxBacklogForAdminsOnly() {
        APIGatewayV2HTTPResponse r = functions.invoke("getAdminHealth", APIGatewayV2HTTPEvent.class,
            FunctionHarness.event("GetAdminHealthFunction/admin-health_admin.json"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode report = Json.tree(r.getBody());
        assertEquals("ok", report.get("status").asString(), report.toString());
        assertTrue(report.get("dependencies").get(0).get("ok").asBoolean());
        ObjectNode user = (ObjectNode) Json.tree(FunctionHarness.event("GetAdminHealthFunction/admin-health_admin.json"));
        ((ObjectNode) user.at("/requestContext/authorizer/jwt/claims")).put("groups", "[user]").put("sub", "user-bob");
        APIGatewayV2HTTPResponse forbidden = functions.invoke("getAdminHealth", APIGatewayV2HTTPEvent.class, Json.write(user));
        assertEquals(403, forbidden.getStatusCode());
    }

    @Test
    void eventStoreRecordsEachEventOnceAndTracesItByCorrelationId() {
        String sample = FunctionHarness.event("RecordEventFunction/sqs_order-placed.json");
        for (int i = 0; i < 3; i++) {
            SQSBatchResponse r = functions.invoke("recordEvent", SQSEvent.class, sample);
            assertTrue(r.getBatchItemFailures().isEmpty());
        }
        APIGatewayV2HTTPResponse trace = functions.invoke("getTrace", APIGatewayV2HTTPEvent.class,
            FunctionHarness.event("GetTraceFunction/get-trace_admin.json"));
        assertEquals(200, trace.getStatusCode(), trace.getBody());
        JsonNode events = Json.tree(trace.getBody()).get("events");
        assertEquals(1, events.size(), "redelivered event recorded once");
        assertEquals("order.placed", events.get(0).get("type").asString());
    }

    @Test
    void aPoisonMessageIsReportedAsFailedNotAcknowledged() {
        SQSBatchResponse r = functions.invoke("recordEvent", SQSEvent.class, FunctionHarness.event("RecordEventFunction/sqs_poison-message.json"));
        assertEquals("poison-0001", r.getBatchItemFailures().getFirst().getItemIdentifier());
    }

    /** The trace merges the hops functions recorded with those derived from the archived events, by start time. */
    @Test
    void aTraceMergesRecordedHopsWithTheArchivedEvents() {
        String hopTable = LocalDynamo.newTable("HopTable");
        Map<String, String> env = new HashMap<>(LocalDynamo.environment(table));
        env.put("TRACE_HOP_TABLE", hopTable);
        functions.invoke("recordEvent", SQSEvent.class, FunctionHarness.event("RecordEventFunction/sqs_order-placed.json"));
        Instant start = Instant.parse("2026-11-20T09:59:59Z");
        new DynamoHopLog(LocalDynamo.client(), hopTable, Duration.ofDays(1), Clock.systemUTC()).record(List.of(
            Hop.of("corr-sample-0001", "placeOrder", HopKind.HTTP, start, 40).withDetail("POST /orders → 201"),
            Hop.of("corr-sample-0001", "realtime-push", HopKind.PUSH, Instant.now(), 9).withConnections(2)));
        try (FunctionHarness withHops = new FunctionHarness(new OpsFunctions(Config.of(env)))) {
            APIGatewayV2HTTPResponse r = withHops.invoke("getTrace", APIGatewayV2HTTPEvent.class, FunctionHarness.event("GetTraceFunction/get-trace_admin.json"));
            assertEquals(200, r.getStatusCode(), r.getBody());
            JsonNode trace = Json.tree(r.getBody());
            JsonNode hops = trace.get("hops");
            assertEquals("http", hops.get(0).get("kind").asString());
            assertEquals("recorded", hops.get(0).get("origin").asString());
            assertEquals(40, hops.get(0).get("durationMs").asInt());
            assertEquals(0, hops.get(0).get("offsetMs").asInt());
            assertEquals("push", hops.get(hops.size() - 1).get("kind").asString());
            assertEquals(2, hops.get(hops.size() - 1).get("connections").asInt());
            assertTrue(hops.valueStream().anyMatch(h -> h.get("origin").asString().equals("derived")), hops.toString());
            assertEquals(start.toString(), trace.get("startedAt").asString());
            assertTrue(trace.get("durationMs").asLong() > 0);
            assertEquals(1, trace.get("events").size());
        }
    }

    @Test
    void tracesAreForAdminsOnly() {
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event("GetTraceFunction/get-trace_admin.json"));
        ((ObjectNode) event.at("/requestContext/authorizer/jwt/claims")).put("groups", "[user]").put("sub", "user-bob");
        APIGatewayV2HTTPResponse r = functions.invoke("getTrace", APIGatewayV2HTTPEvent.class, Json.write(event));
        assertEquals(403, r.getStatusCode());
    }
}
