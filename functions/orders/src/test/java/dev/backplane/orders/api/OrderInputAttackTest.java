package dev.backplane.orders.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.FunctionHarness;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Attacks found from outside: crafted cursors gave 500s (anonymously on /products); a quantity of 1.5 or "1" was
 * taken as 1; admins read any order through the user route. Each is a clean 4xx now.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderInputAttackTest {
    private OrdersApi api;

    @BeforeAll
    void start() throws Exception { api = new OrdersApi(); }

    @AfterAll
    void stop() { api.close(); }

    private APIGatewayV2HTTPResponse withQuery(String function, String sample, String userId, Map<String, String> query) {
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event(sample));
        ObjectNode q = event.putObject("queryStringParameters");
        query.forEach(q::put);
        if (userId != null) ((ObjectNode) event.at("/requestContext/authorizer/jwt/claims")).put("sub", userId);
        return api.functions.invoke(function, APIGatewayV2HTTPEvent.class, Json.write(event));
    }

    private static void assertProblem(APIGatewayV2HTTPResponse r, int status, String type) {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("content-type"));
        assertEquals("https://backplane.dev/problems/" + type, OrdersApi.json(r).get("type").asString(), r.getBody());
    }

    private static String b64(String s) { return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    @Test
    void craftedCursorsAre400InvalidCursorNever500() {
        for (String cursor : List.of(b64("{\"gsi1pk\":\"PRODUCTS\"}"), b64("{\"gsi1pk\":\"PRODUCTS\",\"pk\":\"x\",\"sk\":1}"),
            b64("{\"gsi1pk\":\"PRODUCTS\",\"gsi1sk\":\"" + "z".repeat(3000) + "\",\"pk\":\"PRODUCT#x\",\"sk\":\"PRODUCT\"}"),
            b64("[]"), "%%%", "a.b", "\u202e")) {
            assertProblem(withQuery("listProducts", "ListProductsFunction/list-products_first-page.json", null, Map.of("cursor", cursor)), 400, "invalid-cursor");
            assertProblem(withQuery("listOrders", "ListOrdersFunction/list-orders_first-page.json", null, Map.of("cursor", cursor)), 400, "invalid-cursor");
        }
    }

    @Test
    void cursorsPageThroughAndAreBoundToTheListingThatIssuedThem() {
        JsonNode first = OrdersApi.json(withQuery("listProducts", "ListProductsFunction/list-products_first-page.json", null, Map.of("limit", "1")));
        String next = first.get("nextCursor").asString();
        APIGatewayV2HTTPResponse second = withQuery("listProducts", "ListProductsFunction/list-products_first-page.json", null, Map.of("limit", "1", "cursor", next));
        assertEquals(200, second.getStatusCode(), second.getBody());
        assertTrue(!OrdersApi.json(second).get("items").get(0).get("id").asString().equals(first.get("items").get(0).get("id").asString()));
        assertProblem(withQuery("listOrders", "ListOrdersFunction/list-orders_first-page.json", null, Map.of("cursor", next)), 400, "invalid-cursor");
    }

    @Test
    void quantitiesAreIntegersAndNothingIsWrittenOtherwise() {
        long before = api.orderCount();
        for (String quantity : List.of("1.5", "\"1\"", "1.0", "true", "[1]", "99999999999")) {
            String body = "{\"lines\":[{\"productId\":\"p-espresso\",\"quantity\":" + quantity + "}]}";
            APIGatewayV2HTTPResponse r = api.call("placeOrder", "PlaceOrderFunction/place-order_valid.json", null, null, body, null);
            assertProblem(r, 400, "malformed-request");
            JsonNode problem = OrdersApi.json(r);
            assertEquals("lines[0].quantity", problem.get("errors").get(0).get("field").asString(), r.getBody());
            assertTrue(!r.getBody().contains("java.") && !r.getBody().contains("dev.backplane"), r.getBody());
        }
        assertEquals(before, api.orderCount());
    }

    @Test
    void adminsDoNotReadOtherUsersOrdersThroughTheUserRoute() {
        APIGatewayV2HTTPResponse placed = api.call("placeOrder", "PlaceOrderFunction/place-order_valid.json", "user-carol", null, null, null);
        assertEquals(201, placed.getStatusCode(), placed.getBody());
        String id = OrdersApi.json(placed).get("id").asString();
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event("GetOrderFunction/get-order_unknown.json"));
        event.putObject("pathParameters").put("id", id);
        ObjectNode claims = (ObjectNode) event.at("/requestContext/authorizer/jwt/claims");
        claims.put("sub", "root").put("groups", "[admin]");
        assertProblem(api.functions.invoke("getOrder", APIGatewayV2HTTPEvent.class, Json.write(event)), 404, "not-found");
        claims.put("sub", "user-carol").put("groups", "[user]");
        assertEquals(200, api.functions.<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>invoke("getOrder", APIGatewayV2HTTPEvent.class, Json.write(event)).getStatusCode());
    }
}
