package dev.backplane.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The digest agent: activity counted once per event, one digest per active user and day, however often it runs. */
class DigestAgentTest {
    private static final String PLACED = "DigestActivityFunction/sqs_order-placed.json";
    private final String table = LocalDynamo.newAppTable();
    private final FunctionHarness agents = new FunctionHarness(new AgentsFunctions(Config.of(LocalDynamo.environment(table))));

    @AfterEach
    void close() { agents.close(); }

    @Test
    void twoRunsOnTheSameDayGiveOneDigestPerActiveUserAndNoneForTheQuiet() {
        Instant day = LocalDate.of(2026, 11, 23).atTime(10, 0).toInstant(ZoneOffset.UTC);
        String placed = AgentEvents.delivery(PLACED, AgentEvents.id(), day, Map.of("userId", "u-busy", "orderId", "ord_d1"));
        FraudAgentTest.assertNoFailures(agents.invoke("recordActivity", SQSEvent.class, placed));
        FraudAgentTest.assertNoFailures(agents.invoke("recordActivity", SQSEvent.class, placed)); // redelivery counts nothing
        FraudAgentTest.assertNoFailures(agents.invoke("recordActivity", SQSEvent.class,
            AgentEvents.delivery(PLACED, AgentEvents.id(), day.plusSeconds(60), Map.of("userId", "u-busy", "orderId", "ord_d2"))));
        // activity on another day is not this digest's business
        FraudAgentTest.assertNoFailures(agents.invoke("recordActivity", SQSEvent.class,
            AgentEvents.delivery(PLACED, AgentEvents.id(), day.plusSeconds(86_400 * 2), Map.of("userId", "u-later", "orderId", "ord_d3"))));

        String run = FunctionHarness.event("BuildDigestsFunction/digest_scheduled.json"); // 2026-11-24T06:00Z: digests the 23rd
        assertEquals("digests for 2026-11-23: 1", agents.invoke("buildDigests", Map.class, run));
        ObjectNode again = (ObjectNode) Json.tree(run);
        again.put("id", "a-second-run").put("time", "2026-11-24T18:00:00Z");
        assertEquals("digests for 2026-11-23: 0", agents.invoke("buildDigests", Map.class, Json.write(again)));

        List<JsonNode> digests = AgentEvents.outbox(table, "digest.created");
        assertEquals(1, digests.size());
        JsonNode data = digests.getFirst().get("data");
        assertEquals("u-busy", data.get("userId").asString());
        assertEquals(2, data.at("/counts/ordersPlaced").asInt());
        assertTrue(data.get("summary").asString().contains("2 orders placed"), data.toString());
    }
}
