package dev.backplane.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.agents.fraud.FraudRules;
import dev.backplane.core.config.Config;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fraud agent fed with the events/ samples as SQS delivers them, against DynamoDB Local. */
class FraudAgentTest {
    private static final String PLACED = "FraudAgentFunction/sqs_order-placed.json";
    private static final String FAILED = "FraudAgentFunction/sqs_payment-failed.json";
    private final String table = LocalDynamo.newAppTable();
    private final FunctionHarness agents = new FunctionHarness(new AgentsFunctions(Config.of(LocalDynamo.environment(table))));

    @AfterEach
    void close() { agents.close(); }

    @Test
    void fiveOrdersInAMinuteThenFailedPaymentsFlagTheOrderOnceWithReasons() {
        Instant t = Instant.now();
        for (int i = 0; i < 5; i++) {
            assertNoFailures(run(AgentEvents.delivery(PLACED, AgentEvents.id(), t.plusSeconds(i * 10), Map.of("orderId", "ord_r" + i, "userId", "u-risky"))));
        }
        assertEquals(5, AgentEvents.outbox(table, "fraud.assessed").size());
        assertTrue(AgentEvents.outbox(table, "order.flag_requested").isEmpty(), "velocity alone is not high risk");
        String secondFailure = null;
        for (int i = 0; i < 3; i++) {
            String delivery = AgentEvents.delivery(FAILED, AgentEvents.id(), t.plusSeconds(60 + i), Map.of("orderId", "ord_r4"));
            assertNoFailures(run(delivery));
            if (i == 2) assertNoFailures(run(delivery)); // redelivered: decided once
        }
        List<JsonNode> flags = AgentEvents.outbox(table, "order.flag_requested");
        assertEquals(1, flags.size(), "flagged once: " + flags);
        JsonNode flag = flags.getFirst().get("data");
        assertEquals("ord_r4", flag.get("orderId").asString());
        assertEquals("u-risky", flag.get("userId").asString());
        String reasons = flag.get("reasons").toString();
        assertTrue(reasons.contains("5 orders in 10 minutes") && reasons.contains("3 failed payments in a row"), reasons);
        JsonNode high = AgentEvents.outbox(table, "fraud.assessed").stream().filter(e -> e.at("/data/level").asString().equals("high")).findFirst().orElseThrow();
        assertTrue(high.at("/data/score").asInt() >= FraudRules.DEFAULTS.highAt());
        assertEquals(8, AgentEvents.outbox(table, "agent.decided").size(), "one decision per distinct input event");
        JsonNode decided = AgentEvents.outbox(table, "agent.decided").getLast().get("data");
        assertEquals("fraud", decided.get("agent").asString());
        assertEquals(FraudRules.DEFAULTS.version(), decided.get("version").asString());
    }

    @Test
    void aNormalCustomerIsLowRiskAndNeverFlagged() {
        Instant t = Instant.now();
        assertNoFailures(run(AgentEvents.delivery(PLACED, AgentEvents.id(), t, Map.of("orderId", "ord_n1", "userId", "u-normal"))));
        assertNoFailures(run(AgentEvents.delivery(FAILED, AgentEvents.id(), t.plusSeconds(30), Map.of("orderId", "ord_n1"))));
        assertTrue(AgentEvents.outbox(table, "order.flag_requested").isEmpty());
        assertTrue(AgentEvents.outbox(table, "fraud.assessed").stream().allMatch(e -> e.at("/data/level").asString().equals("low")));
        // a payment event that overtook its order.placed is retried, not dropped
        assertEquals(1, run(AgentEvents.delivery(FAILED, AgentEvents.id(), t, Map.of("orderId", "ord_not_yet_placed"))).getBatchItemFailures().size());
    }

    @Test
    void thresholdsComeFromConfiguration() {
        Map<String, String> env = new LinkedHashMap<>(LocalDynamo.environment(table));
        env.put("FRAUD_RULES", "{\"version\":\"strict-1\",\"ordersIn10Minutes\":1,\"ordersIn10MinutesPoints\":80}");
        try (FunctionHarness strict = new FunctionHarness(new AgentsFunctions(Config.of(env)))) {
            SQSBatchResponse r = strict.invoke("runFraudAgent", SQSEvent.class,
                AgentEvents.delivery(PLACED, AgentEvents.id(), Instant.now(), Map.of("orderId", "ord_s1", "userId", "u-strict")));
            assertNoFailures(r);
        }
        JsonNode flag = AgentEvents.outbox(table, "order.flag_requested").getFirst();
        assertEquals("ord_s1", flag.at("/data/orderId").asString());
        assertEquals("strict-1", AgentEvents.outbox(table, "fraud.assessed").getFirst().at("/data/rulesetVersion").asString());
    }

    private SQSBatchResponse run(String delivery) { return agents.invoke("runFraudAgent", SQSEvent.class, delivery); }

    static void assertNoFailures(SQSBatchResponse r) { assertTrue(r.getBatchItemFailures().isEmpty(), "batch failures: " + r.getBatchItemFailures()); }
}
