package dev.backplane.billing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /orders/{id}/checkout against DynamoDB Local and the Stripe simulator. */
class CheckoutApiTest {
    private static final String CHECKOUT = "CheckoutOrderFunction/checkout-order_pending.json";
    private final BillingStack stack = new BillingStack();

    @AfterEach
    void close() { stack.close(); }

    @Test
    void theOwnerGetsOneSessionPerOrderAndItIsAnnouncedOnce() throws Exception {
        stack.putOrder("ord_a1", "user-alice", "PENDING_PAYMENT");
        APIGatewayV2HTTPResponse first = stack.call("checkoutOrder", CHECKOUT, null, "ord_a1", null, null);
        assertEquals(200, first.getStatusCode(), first.getBody());
        JsonNode session = BillingStack.json(first);
        assertTrue(session.get("sessionId").asString().startsWith("cs_test_"));
        assertTrue(session.get("url").asString().startsWith(stack.stripe.apiBase() + "/checkout/"));
        assertTrue(Instant.parse(session.get("expiresAt").asString()).isAfter(Instant.now().plus(Duration.ofMinutes(29))));
        assertEquals(session.get("sessionId").asString(), BillingStack.json(stack.call("checkoutOrder", CHECKOUT, null, "ord_a1", null, null))
            .get("sessionId").asString());

        List<JsonNode> created = stack.outbox("checkout.session_created");
        assertEquals(1, created.size());
        assertEquals("corr-sample-0001", created.getFirst().get("correlationId").asString());
        assertEquals("ord_a1", created.getFirst().get("data").get("orderId").asString());

        // what Stripe got: line items from the order, the order id and its correlation chain in metadata
        JsonNode atStripe = Json.tree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.stripe.apiBase() + "/v1/checkout/sessions/" + session.get("sessionId").asString()))
            .header("Authorization", "Bearer " + BillingStack.API_KEY).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(6780, atStripe.get("amount_total").asLong());
        assertEquals("eur", atStripe.get("currency").asString());
        assertEquals("order:ord_a1", atStripe.get("client_reference_id").asString());
        assertEquals("ord_a1", atStripe.get("metadata").get("orderId").asString());
        assertEquals("corr-order-ord_a1", atStripe.get("metadata").get("correlationId").asString());
    }

    @Test
    void concurrentCheckoutsOfOneOrderShareOneSession() throws Exception {
        stack.putOrder("ord_a2", "user-alice", "PENDING_PAYMENT");
        List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            for (int i = 0; i < 5; i++) calls.add(pool.submit(() -> stack.call("checkoutOrder", CHECKOUT, null, "ord_a2", null, null)));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var call : calls) {
            assertEquals(200, call.get().getStatusCode(), call.get().getBody());
            ids.add(BillingStack.json(call.get()).get("sessionId").asString());
        }
        assertEquals(1, ids.size());
        assertEquals(1, stack.outbox("checkout.session_created").size());
    }

    @Test
    void othersOrdersAreNotFoundAndPaidOrdersCannotBePaidAgain() {
        stack.putOrder("ord_a3", "user-alice", "PENDING_PAYMENT");
        stack.putOrder("ord_a4", "user-alice", "PAID");
        assertProblem(stack.call("checkoutOrder", CHECKOUT, "user-bob", "ord_a3", null, null), 404, "not-found");
        assertProblem(stack.call("checkoutOrder", CHECKOUT, null, "ord_missing", null, null), 404, "not-found");
        assertProblem(stack.call("checkoutOrder", CHECKOUT, null, "ord_a4", null, null), 409, "illegal-transition");
        assertEquals(0, stack.outbox().size());
    }

    static void assertProblem(APIGatewayV2HTTPResponse r, int status, String type) {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("content-type"));
        assertEquals("https://backplane.dev/problems/" + type, BillingStack.json(r).get("type").asString());
    }
}
