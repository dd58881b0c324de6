package dev.backplane.ops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.config.Config;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.core.testing.RecordingEventBridge;
import dev.backplane.ops.OpsFunctions;
import dev.backplane.ops.store.DynamoEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replay of 1,000 archived events: each goes out again with its original id and the replay marker, the event store
 * (an idempotent consumer) is unchanged by receiving them, and the replay is counted in audited ops events.
 */
class ReplayTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private final String table = LocalDynamo.newAppTable();
    private final RecordingEventBridge bridge = new RecordingEventBridge();
    private final DynamoEventStore store = new DynamoEventStore(LocalDynamo.client(), table, Duration.ofDays(30));
    private final FunctionHarness functions;

    ReplayTest() {
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
    void replayingAThousandEventsChangesNoConsumerStateAndIsCounted() throws Exception {
        List<EventEnvelope> archived = archive(1_000);
        long storedBefore = count("TRACE#");

        JsonNode dry = replay(Map.of("types", List.of("order.placed")), true);
        assertEquals(1_000, dry.get("matched").asInt());
        assertEquals(0, bridge.accepted().size(), "a dry run sends nothing");

        JsonNode result = replay(Map.of("types", List.of("order.placed"), "from", T0.toString(), "to", T0.plus(Duration.ofDays(1)).toString()), false);
        assertEquals(1_000, result.get("replayed").asInt(), result.toString());
        assertEquals(0, result.get("failed").asInt());
        Set<String> ids = archived.stream().map(EventEnvelope::id).collect(Collectors.toSet());
        List<JsonNode> details = bridge.accepted().stream().map(e -> Json.tree(e.get("Detail").asString())).toList();
        assertEquals(ids, details.stream().map(d -> d.get("id").asString()).collect(Collectors.toSet()), "original ids");
        assertTrue(details.stream().allMatch(d -> d.get("replay").asBoolean()));

        // the event store receives the replayed events like any consumer: nothing changes
        for (int i = 0; i < details.size(); i += 10) {
            SQSBatchResponse r = functions.invoke("recordEvent", SQSEvent.class, sqsBatch(details.subList(i, Math.min(details.size(), i + 10))));
            assertTrue(r.getBatchItemFailures().isEmpty());
        }
        assertEquals(storedBefore, count("TRACE#"));

        List<String> audit = items("OUTBOX#").stream().map(i -> Items.str(i, "eventType")).sorted().toList();
        assertEquals(List.of("ops.replay_completed", "ops.replay_progress", "ops.replay_progress", "ops.replay_started"), audit);
    }

    @Test
    void theEventStoreIsSearchableBySubjectPageByPage() {
        archive(5);
        ObjectNode request = (ObjectNode) Json.tree(FunctionHarness.event("FindEventsFunction/find-events_by-subject.json"));
        request.set("queryStringParameters", Json.object().put("type", "order.placed").put("limit", "2"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode params = (ObjectNode) request.get("queryStringParameters");
            if (cursor != null) params.put("cursor", cursor);
            APIGatewayV2HTTPResponse r = functions.invoke("findEvents", APIGatewayV2HTTPEvent.class, Json.write(request));
            assertEquals(200, r.getStatusCode(), r.getBody());
            JsonNode page = Json.tree(r.getBody());
            page.get("items").forEach(e -> seen.add(e.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertEquals(5, seen.size());
        assertEquals(5, Set.copyOf(seen).size());

        APIGatewayV2HTTPResponse bySubject = functions.invoke("findEvents", APIGatewayV2HTTPEvent.class,
            FunctionHarness.event("FindEventsFunction/find-events_by-subject.json"));
        assertEquals(0, Json.tree(bySubject.getBody()).get("items").size(), "no event about ord_sample1 here");
        assertNull(Json.tree(bySubject.getBody()).get("nextCursor").asString(null));
    }

    @Test
    void aReplayNeedsAFilter() {
        ObjectNode request = (ObjectNode) Json.tree(FunctionHarness.event("ReplayEventsFunction/replay_dry-run.json"));
        request.put("body", "{\"filter\":{},\"dryRun\":true}");
        APIGatewayV2HTTPResponse r = functions.invoke("replayEvents", APIGatewayV2HTTPEvent.class, Json.write(request));
        assertEquals(422, r.getStatusCode(), r.getBody());
        assertNotNull(Json.tree(r.getBody()).get("errors"));
    }

    /**
     * A direct replay into a delivery-job queue or a side-effecting sender would resend mails and webhooks that the
     * bus rules keep replays away from: refused (422 naming target) unless that consumer opted in.
     */
    @Test
    void replaysIntoSideEffectingConsumersAreRefusedUnlessTheyOptIn() {
        String queues = "notification-delivery=http://localhost:1/q/delivery-dlq>http://localhost:1/q/delivery;"
            + "order-saga=http://localhost:1/q/saga-dlq>http://localhost:1/q/saga";
        Map<String, String> env = new HashMap<>(LocalDynamo.environment(table));
        env.put("DEAD_LETTER_QUEUES", queues);
        try (FunctionHarness guarded = new FunctionHarness(new OpsFunctions(Config.of(env)))) {
            APIGatewayV2HTTPResponse refused = replayTo(guarded, "notification-delivery");
            assertEquals(422, refused.getStatusCode(), refused.getBody());
            assertEquals("target", Json.tree(refused.getBody()).get("errors").get(0).get("field").asString());
            assertEquals(200, replayTo(guarded, "order-saga").getStatusCode(), "order-saga opted in by default");
        }
        env.put("REPLAY_CONSUMERS", "notification-delivery");
        try (FunctionHarness optedIn = new FunctionHarness(new OpsFunctions(Config.of(env)))) {
            assertEquals(200, replayTo(optedIn, "notification-delivery").getStatusCode());
            assertEquals(422, replayTo(optedIn, "order-saga").getStatusCode(), "the list replaces the default");
        }
    }

    private static APIGatewayV2HTTPResponse replayTo(FunctionHarness harness, String target) {
        ObjectNode request = (ObjectNode) Json.tree(FunctionHarness.event("ReplayEventsFunction/replay_dry-run.json"));
        request.put("body", Json.write(Map.of("filter", Map.of("types", List.of("order.paid")), "target", target, "dryRun", true)));
        return harness.invoke("replayEvents", APIGatewayV2HTTPEvent.class, Json.write(request));
    }

    private JsonNode replay(Map<String, Object> filter, boolean dryRun) {
        ObjectNode request = (ObjectNode) Json.tree(FunctionHarness.event("ReplayEventsFunction/replay_dry-run.json"));
        request.put("body", Json.write(Map.of("filter", filter, "target", "bus", "dryRun", dryRun)));
        APIGatewayV2HTTPResponse r = functions.invoke("replayEvents", APIGatewayV2HTTPEvent.class, Json.write(request));
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.tree(r.getBody());
    }

    private List<EventEnvelope> archive(int n) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(EventEnvelope.wrap(NewEvent.of("order.placed", new Subject("order", "ord-" + i), Map.of("orderId", "ord-" + i)),
                "backplane.orders", new Trace("corr-replay-" + (i % 50), "req-" + i, new Actor("user-alice", List.of("user"))),
                T0.plusMillis(i)));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            events.forEach(e -> pool.submit(() -> store.record(e)));
        }
        return events;
    }

    private long count(String prefix) { return items(prefix).size(); }

    private List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items(String prefix) {
        return LocalDynamo.client().scanPaginator(b -> b.tableName(table)).items().stream()
            .filter(i -> Items.str(i, "pk").startsWith(prefix)).toList();
    }

    private static String sqsBatch(List<JsonNode> details) {
        var records = Json.MAPPER.createArrayNode();
        for (JsonNode d : details) {
            records.addObject().put("messageId", d.get("id").asString()).put("eventSource", "aws:sqs")
                .put("body", Json.write(Json.object().put("detail-type", d.get("type").asString()).set("detail", d)));
        }
        return Json.write(Json.object().set("Records", records));
    }
}
