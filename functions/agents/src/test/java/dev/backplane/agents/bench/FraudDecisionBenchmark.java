package dev.backplane.agents.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.agents.AgentEvents;
import dev.backplane.agents.AgentsFunctions;
import dev.backplane.core.config.Config;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LatencyReport;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The fraud agent in-process on DynamoDB Local (not a test; docs/benchmarks.md): one SQS delivery of order.placed per
 * call through runFraudAgent (read profile → score → one transaction with projection, decision and events), and the
 * agent's own decision latency as recorded in agent.decided.
 * Run: {@code mvn -pl functions/agents -am test-compile} then
 * {@code java -cp "$(cat functions/agents/target/test-classpath.txt)" dev.backplane.agents.bench.FraudDecisionBenchmark}
 * (the class path from {@code dependency:build-classpath -Dmdep.includeScope=test}).
 */
public final class FraudDecisionBenchmark {
    public static void main(String[] args) {
        String table = LocalDynamo.newAppTable();
        try (FunctionHarness agents = new FunctionHarness(new AgentsFunctions(Config.of(LocalDynamo.environment(table))))) {
            int users = 50;
            LatencyReport.measure("runFraudAgent, one order.placed (warm, DynamoDB Local)", 200, 1000, i -> agents.invoke("runFraudAgent", SQSEvent.class,
                AgentEvents.delivery("FraudAgentFunction/sqs_order-placed.json", AgentEvents.id(), Instant.now(),
                    Map.of("orderId", "ord_b" + i, "userId", "bench-" + Math.floorMod(i, users)))));
            double[] decided = AgentEvents.outbox(table, "agent.decided").stream().mapToDouble(e -> e.at("/data/latencyMs").asDouble()).sorted().toArray();
            System.out.printf("| fraud decision itself (agent.decided latencyMs, n=%d) | %.3f ms | %.3f ms | %.3f ms |%n", decided.length,
                decided[decided.length / 2], decided[decided.length * 99 / 100], Arrays.stream(decided).max().orElse(0));
        }
        System.exit(0);
    }
}
