package dev.backplane.orders.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The orders functions fed with the events/ samples, against DynamoDB Local. */
class OrdersApiTest {
    private static final String PLACE = "PlaceOrderFunction/place-order_valid.json";
    private final OrdersApi api;

    OrdersApiTest() throws Exception { api = new OrdersApi(); }

    @AfterEach
    void close() { api.close(); }

    @Test
    void catalogListsSeededProductsWithCursorPagination() {
        JsonNode page1 = OrdersApi.json(api.call("listProducts", "ListProductsFunction/list-products_first-page.json"));
        assertEquals(5, page1.get("items").size());
        assertNotNull(page1.get("nextCursor").asString(null));
        assertProblem(api.call("listProducts", "ListProductsFunction/list-products_bad-limit.json"), 400, "invalid-query-parameter");
        JsonNode product = OrdersApi.json(api.call("getProduct", "GetProductFunction/get-product_found.json"));
        assertEquals(2490, product.get("price").asInt());
        assertProblem(api.call("getProduct", "GetProductFunction/get-product_unknown.json"), 404, "not-found");
    }

    @Test
    void placingAnOrderReservesStockAndEmitsOrderPlacedInOneTransaction() {
        APIGatewayV2HTTPResponse r = api.call("placeOrder", PLACE);
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode order = OrdersApi.json(r);
        assertEquals("/orders/" + order.get("id").asString(), r.getHeaders().get("location"));
        assertEquals("PENDING_PAYMENT", order.get("status").asString());
        assertEquals(2 * 2490 + 1800, order.get("total").asInt());
        assertEquals(198, api.stock("p-espresso"));
        assertEquals(119, api.stock("p-mug"));

        List<JsonNode> events = api.outbox();
        assertEquals(1, events.size());
        JsonNode placed = events.getFirst();
        assertEquals("order.placed", placed.get("type").asString());
        assertEquals("backplane.orders", placed.get("source").asString());
        assertEquals("corr-sample-0001", placed.get("correlationId").asString());
        assertEquals("user-alice", placed.get("actor").get("userId").asString());
        assertEquals(order.get("id").asString(), placed.get("data").get("orderId").asString());
        assertEquals(2, placed.get("data").get("lines").size());
    }

    @Test
    void theSameIdempotencyKeyPlacesTheOrderOnce() {
        APIGatewayV2HTTPResponse first = api.call("placeOrder", PLACE);
        APIGatewayV2HTTPResponse again = api.call("placeOrder", PLACE);
        assertEquals(first.getBody(), again.getBody());
        assertEquals("true", again.getHeaders().get("idempotent-replayed"));
        assertEquals(198, api.stock("p-espresso"));
        assertEquals(1, api.orderCount());
        APIGatewayV2HTTPResponse otherBody = api.call("placeOrder", PLACE, null, null,
            Map.of("lines", List.of(Map.of("productId", "p-mug", "quantity", 1))), Map.of("idempotency-key", "c0ffee-0001"));
        assertProblem(otherBody, 422, "idempotency-key-reused");
    }

    @Test
    void invalidOrdersAre4xxNamingTheFieldAndWriteNothing() {
        JsonNode unknown = assertProblem(api.call("placeOrder", "PlaceOrderFunction/place-order_unknown-product.json"), 422, "validation-failed");
        assertEquals("lines[0].productId", unknown.get("errors").get(0).get("field").asString());
        JsonNode quantities = assertProblem(api.call("placeOrder", "PlaceOrderFunction/place-order_bad-quantity.json"), 422, "validation-failed");
        assertEquals(2, quantities.get("errors").size());
        assertProblem(api.call("placeOrder", "PlaceOrderFunction/place-order_malformed-json.json"), 400, "malformed-request");
        assertProblem(api.call("placeOrder", "PlaceOrderFunction/place-order_too-many-lines.json"), 422, "validation-failed");
        assertProblem(api.call("placeOrder", PLACE, null, null, "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":1,\"x\":\"" + "y".repeat(66_000) + "\"}]}", null),
            413, "payload-too-large");
        assertProblem(api.call("placeOrder", PLACE, null, null, Map.of("lines", List.of(Map.of("productId", "p-limited", "quantity", 11))), null),
            409, "insufficient-stock");
        assertEquals(0, api.orderCount());
        assertTrue(api.outbox().isEmpty());
        assertEquals(10, api.stock("p-limited"));
        assertEquals(200, api.stock("p-espresso"));
    }

    @Test
    void onlyTheOwnerSeesAnOrder() {
        String id = OrdersApi.json(api.call("placeOrder", PLACE)).get("id").asString();
        APIGatewayV2HTTPResponse mine = api.call("getOrder", "GetOrderFunction/get-order_unknown.json", "user-alice", id, null, null);
        assertEquals(200, mine.getStatusCode());
        assertProblem(api.call("getOrder", "GetOrderFunction/get-order_unknown.json", "user-bob", id, null, null), 404, "not-found");
        assertProblem(api.call("cancelOrder", "CancelOrderFunction/cancel-order_unknown.json", "user-bob", id, null, null), 404, "not-found");
        assertProblem(api.call("getOrder", "GetOrderFunction/get-order_unknown.json"), 404, "not-found");
        JsonNode bobs = OrdersApi.json(api.call("listOrders", "ListOrdersFunction/list-orders_first-page.json", "user-bob", null, null, null));
        assertEquals(0, bobs.get("items").size());
    }

    @Test
    void ordersAreListedNewestFirstAcrossPages() {
        for (int i = 0; i < 3; i++) {
            api.call("placeOrder", PLACE, null, null, Map.of("lines", List.of(Map.of("productId", "p-mug", "quantity", i + 1))), null);
        }
        var event = "ListOrdersFunction/list-orders_first-page.json";
        JsonNode page1 = OrdersApi.json(api.call("listOrders", event, null, null, null, null));
        assertEquals(3, page1.get("items").size());
        assertEquals(3, page1.get("items").get(0).get("lines").get(0).get("quantity").asInt());
        assertEquals(1, page1.get("items").get(2).get("lines").get(0).get("quantity").asInt());
        assertNull(page1.get("nextCursor").asString(null));
    }

    @Test
    void cancellingReleasesStockEmitsOrderCancelledAndCannotRepeat() {
        String id = OrdersApi.json(api.call("placeOrder", PLACE)).get("id").asString();
        APIGatewayV2HTTPResponse r = api.call("cancelOrder", "CancelOrderFunction/cancel-order_unknown.json", "user-alice", id, null, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("CANCELLED", OrdersApi.json(r).get("status").asString());
        assertEquals(2, OrdersApi.json(r).get("history").size());
        assertEquals(200, api.stock("p-espresso"));
        assertEquals(List.of("order.cancelled", "order.placed"), api.outbox().stream().map(e -> e.get("type").asString()).sorted().toList());
        assertProblem(api.call("cancelOrder", "CancelOrderFunction/cancel-order_unknown.json", "user-alice", id, null, null), 409, "illegal-transition");
        assertEquals(200, api.stock("p-espresso"));
    }

    @Test
    void responsesCarryTheCorrelationIdAndNoInternals() {
        APIGatewayV2HTTPResponse r = api.call("getOrder", "GetOrderFunction/get-order_unknown.json");
        assertEquals("corr-sample-0001", r.getHeaders().get("x-correlation-id"));
        assertNotEquals(-1, r.getBody().indexOf("corr-sample-0001"));
        assertEquals(-1, r.getBody().indexOf("Exception"));
    }

    static JsonNode assertProblem(APIGatewayV2HTTPResponse r, int status, String type) {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("content-type"));
        JsonNode body = OrdersApi.json(r);
        assertEquals("https://backplane.dev/problems/" + type, body.get("type").asString(), r.getBody());
        return body;
    }
}
