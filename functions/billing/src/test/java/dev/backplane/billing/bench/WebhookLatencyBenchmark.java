package dev.backplane.billing.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.billing.BillingFunctions;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LatencyReport;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.devstack.stripe.WebhookSignature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Warm latency of the Stripe webhook handler as Lambda runs it (raw event bytes → Lambda serializers → signature
 * check → translation → one DynamoDB transaction: event id + outbox), 1,000 fresh events and 1,000 duplicates after a
 * warm-up. Not a test: {@code mvn -f functions/billing/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.backplane.billing.bench.WebhookLatencyBenchmark}; results go to docs/benchmarks.md.
 */
public final class WebhookLatencyBenchmark {
    private static final int WARMUP = 300;
    private static final int RUNS = 1_000;
    private static final String SECRET = "whsec_bench";

    public static void main(String[] args) {
        String table = LocalDynamo.newAppTable();
        Map<String, String> env = new LinkedHashMap<>(LocalDynamo.environment(table));
        env.put("STRIPE_WEBHOOK_SECRET", SECRET);
        env.put("STRIPE_API_KEY", "sk_test_unused");
        try (FunctionHarness functions = new FunctionHarness(new BillingFunctions(Config.of(env)))) {
            String sample = FunctionHarness.event("StripeWebhookFunction/webhook_checkout-completed.json");
            System.out.printf("| handler (warm, %d calls, DynamoDB Local) | p50 | p99 | max |%n|---|---|---|---|%n", RUNS);
            LatencyReport.measure("stripeWebhook, new event (verify + transaction)", WARMUP, RUNS, i -> call(functions, signed(sample, "evt_bench_" + (i < 0 ? "w" + -i : "m" + i))));
            // ids 0..49 were all processed by the first pass: every call here is a redelivery
            LatencyReport.measure("stripeWebhook, duplicate delivery", WARMUP, RUNS, i -> call(functions, signed(sample, "evt_bench_m" + Math.abs(i % 50))));
        } catch (Throwable t) { // to stdout: the runtime's logging may own stderr; end explicitly, servers are non-daemon
            t.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static String signed(String sample, String eventId) {
        ObjectNode event = (ObjectNode) Json.tree(sample);
        ObjectNode stripe = (ObjectNode) Json.tree(event.get("body").asString());
        stripe.put("id", eventId);
        String payload = Json.write(stripe);
        event.put("body", payload);
        ((ObjectNode) event.get("headers")).put("stripe-signature", WebhookSignature.header(SECRET, payload, Instant.now().getEpochSecond()));
        return Json.write(event);
    }

    private static void call(FunctionHarness functions, String event) {
        APIGatewayV2HTTPResponse r = functions.invoke("stripeWebhook", APIGatewayV2HTTPEvent.class, event);
        if (r.getStatusCode() != 200) throw new IllegalStateException("webhook answered " + r.getStatusCode() + ": " + r.getBody());
    }
}
