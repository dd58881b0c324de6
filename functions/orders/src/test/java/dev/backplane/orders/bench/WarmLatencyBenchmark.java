package dev.backplane.orders.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LatencyReport;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.orders.OrdersFunctions;
import dev.backplane.orders.domain.Money;
import dev.backplane.orders.domain.Product;
import dev.backplane.orders.store.DynamoCatalog;
import tools.jackson.databind.node.ObjectNode;

/**
 * Warm handler latency: the orders function beans (as Lambda runs them: raw event bytes → Lambda serializers →
 * handler → DynamoDB Local) invoked 1,000 times each after a warm-up. Not a test: run with
 * {@code mvn -f functions/orders/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.backplane.orders.bench.WarmLatencyBenchmark}; results go to docs/benchmarks.md.
 */
public final class WarmLatencyBenchmark {
    private static final int WARMUP = 300;
    private static final int RUNS = 1_000;

    public static void main(String[] args) {
        String table = LocalDynamo.newAppTable();
        new DynamoCatalog(LocalDynamo.client(), table).upsert(new Product("p-bench", "Bench", "bench", new Money(100, "EUR"), 10_000_000));
        try (FunctionHarness functions = new FunctionHarness(new OrdersFunctions(Config.of(LocalDynamo.environment(table))))) {
            String getProduct = FunctionHarness.event("GetProductFunction/get-product_found.json").replace("p-espresso", "p-bench");
            String place = FunctionHarness.event("PlaceOrderFunction/place-order_valid.json");
            String list = FunctionHarness.event("ListOrdersFunction/list-orders_first-page.json");
            System.out.printf("| handler (warm, %d calls, DynamoDB Local) | p50 | p99 | max |%n|---|---|---|---|%n", RUNS);
            LatencyReport.measure("getProduct", WARMUP, RUNS, i -> call(functions, "getProduct", getProduct, 200));
            LatencyReport.measure("placeOrder (transaction: order + stock + outbox)", WARMUP, RUNS, i -> call(functions, "placeOrder", placeBody(place, i), 201));
            LatencyReport.measure("listOrders (GSI query, 20 per page)", WARMUP, RUNS, i -> call(functions, "listOrders", list, 200));
        } catch (Throwable t) { // to stdout: the runtime's logging may own stderr; end explicitly, servers are non-daemon
            t.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static String placeBody(String sample, int i) {
        ObjectNode event = (ObjectNode) Json.tree(sample);
        ((ObjectNode) event.get("headers")).put("idempotency-key", "bench-" + i + "-" + System.nanoTime());
        event.put("body", "{\"lines\":[{\"productId\":\"p-bench\",\"quantity\":1}]}");
        return Json.write(event);
    }

    private static void call(FunctionHarness functions, String name, String event, int expected) {
        APIGatewayV2HTTPResponse r = functions.invoke(name, APIGatewayV2HTTPEvent.class, event);
        if (r.getStatusCode() != expected) throw new IllegalStateException(name + " answered " + r.getStatusCode() + ": " + r.getBody());
    }
}
