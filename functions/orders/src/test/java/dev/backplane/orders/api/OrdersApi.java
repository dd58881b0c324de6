package dev.backplane.orders.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.orders.OrdersFunctions;
import dev.backplane.orders.store.CatalogSeeder;
import dev.backplane.orders.store.DynamoCatalog;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The orders functions on a fresh copy of the template's table, seeded from infra/seed/products.json. */
final class OrdersApi implements AutoCloseable {
    final String table = LocalDynamo.newAppTable();
    final FunctionHarness functions = new FunctionHarness(new OrdersFunctions(Config.of(LocalDynamo.environment(table))));

    OrdersApi() throws Exception {
        CatalogSeeder.seed(new DynamoCatalog(LocalDynamo.client(), table), LocalDynamo.repoRoot().resolve(Path.of("infra", "seed", "products.json")));
    }

    APIGatewayV2HTTPResponse call(String function, String sampleEvent) {
        return functions.invoke(function, APIGatewayV2HTTPEvent.class, FunctionHarness.event(sampleEvent));
    }

    /** A sample event adjusted: another caller, path id or body. */
    APIGatewayV2HTTPResponse call(String function, String sampleEvent, String userId, String pathId, Object body, Map<String, String> headers) {
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event(sampleEvent));
        if (userId != null) {
            ((ObjectNode) event.at("/requestContext/authorizer/jwt/claims")).put("sub", userId);
        }
        if (pathId != null) {
            event.putObject("pathParameters").put("id", pathId);
            event.put("rawPath", event.get("rawPath").asString().replace("ord_unknown", pathId));
        }
        if (body != null) event.put("body", body instanceof String s ? s : Json.write(body));
        ObjectNode h = (ObjectNode) event.get("headers");
        h.remove("idempotency-key");
        if (headers != null) headers.forEach(h::put);
        return functions.invoke(function, APIGatewayV2HTTPEvent.class, Json.write(event));
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) { return Json.tree(response.getBody()); }

    int stock(String productId) {
        return (int) Items.num(LocalDynamo.client().getItem(b -> b.tableName(table).key(Items.key("PRODUCT#" + productId, "PRODUCT"))).item(), "stock");
    }

    /**
     * Outbox items waiting for the relay (nothing relays in these tests): what the transaction emitted. The seeding's
     * {@code product.listed} events are left out ({@link #catalogEvents()}).
     */
    java.util.List<JsonNode> outbox() {
        return allOutbox().stream().filter(e -> !e.get("type").asString().equals("product.listed")).toList();
    }

    java.util.List<JsonNode> catalogEvents() {
        return allOutbox().stream().filter(e -> e.get("type").asString().equals("product.listed")).toList();
    }

    private java.util.List<JsonNode> allOutbox() {
        return LocalDynamo.client().scanPaginator(b -> b.tableName(table).filterExpression("begins_with(pk, :p)")
            .expressionAttributeValues(Map.of(":p", Items.s("OUTBOX#")))).items().stream()
            .map(i -> Json.tree(i.get("event").s())).toList();
    }

    long orderCount() {
        return LocalDynamo.client().scan(b -> b.tableName(table).filterExpression("begins_with(pk, :p)")
            .expressionAttributeValues(Map.of(":p", Items.s("ORDER#")))).count();
    }

    @Override
    public void close() { functions.close(); }
}
