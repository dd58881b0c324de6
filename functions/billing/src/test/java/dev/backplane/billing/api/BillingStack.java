package dev.backplane.billing.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpServer;
import dev.backplane.billing.BillingFunctions;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.devstack.stripe.StripeSimulator;
import dev.backplane.devstack.stripe.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The billing functions on a fresh copy of the template's table, talking to the devstack Stripe simulator, whose
 * webhooks reach {@code stripeWebhook} through a tiny gateway building payload-2.0 events from the real HTTP request.
 */
final class BillingStack implements AutoCloseable {
    static final String API_KEY = "sk_test_billing";
    static final String SECRET = "whsec_billing";
    final String table = LocalDynamo.newAppTable();
    final HttpServer gateway;
    final StripeSimulator stripe;
    final FunctionHarness functions;
    final RecordingMetrics metrics = new RecordingMetrics();

    BillingStack() {
        try {
            gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gateway.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        gateway.createContext("/webhooks/stripe", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            APIGatewayV2HTTPResponse r = webhook(body, exchange.getRequestHeaders().getFirst("Stripe-Signature"));
            exchange.sendResponseHeaders(r.getStatusCode(), -1);
            exchange.close();
        });
        gateway.start();
        String target = "http://127.0.0.1:" + gateway.getAddress().getPort() + "/webhooks/stripe";
        stripe = StripeSimulator.start(0, API_KEY, SECRET, () -> target, List.of(Duration.ofMillis(200), Duration.ofMillis(500)), (s, t) -> { });
        Map<String, String> env = new LinkedHashMap<>(LocalDynamo.environment(table));
        env.put("STRIPE_API_KEY", API_KEY);
        env.put("STRIPE_WEBHOOK_SECRET", SECRET);
        env.put("STRIPE_API_BASE", stripe.apiBase());
        functions = new FunctionHarness(new BillingFunctions(Config.of(env), metrics));
    }

    /** A sample event adjusted: caller, path id, body, headers (the sample's Idempotency-Key is dropped unless given). */
    APIGatewayV2HTTPResponse call(String function, String sample, String userId, String pathId, String body, Map<String, String> headers) {
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event(sample));
        if (userId != null) ((ObjectNode) event.at("/requestContext/authorizer/jwt/claims")).put("sub", userId);
        if (pathId != null) {
            String old = event.get("pathParameters").get("id").asString();
            event.putObject("pathParameters").put("id", pathId);
            event.put("rawPath", event.get("rawPath").asString().replace(old, pathId));
        }
        if (body != null) event.put("body", body);
        ObjectNode h = (ObjectNode) event.get("headers");
        h.remove("idempotency-key");
        if (headers != null) headers.forEach(h::put);
        return functions.invoke(function, APIGatewayV2HTTPEvent.class, Json.write(event));
    }

    /** The webhook sample with this payload and Stripe-Signature header (null: no header at all). */
    APIGatewayV2HTTPResponse webhook(String payload, String signature) {
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event("StripeWebhookFunction/webhook_checkout-completed.json"));
        event.put("body", payload);
        ObjectNode h = (ObjectNode) event.get("headers");
        if (signature == null) h.remove("stripe-signature");
        else h.put("stripe-signature", signature);
        return functions.invoke("stripeWebhook", APIGatewayV2HTTPEvent.class, Json.write(event));
    }

    static String sign(String payload) { return WebhookSignature.header(SECRET, payload, Instant.now().getEpochSecond()); }

    /** An order item in the orders module's layout (billing only reads it). */
    void putOrder(String orderId, String userId, String status) {
        String lines = "[{\"productId\":\"p-espresso\",\"name\":\"Espresso beans\",\"quantity\":2,\"unitPrice\":2490},"
            + "{\"productId\":\"p-mug\",\"name\":\"Mug\",\"quantity\":1,\"unitPrice\":1800}]";
        LocalDynamo.client().putItem(b -> b.tableName(table).item(Items.map().put("pk", "ORDER#" + orderId).put("sk", "ORDER")
            .put("userId", userId).put("status", status).put("lines", lines).put("total", 6780).put("currency", "EUR")
            .put("version", 1).put("correlationId", "corr-order-" + orderId).build()));
    }

    /** The checkout the sample webhook completes, as CheckoutService records it when it opens the session. */
    void recordSampleCheckout() { recordSampleCheckout(null); }

    /** The sample checkout, paid by {@code paymentId} as the completion's webhook records it (null: not paid yet). */
    void recordSampleCheckout(String paymentId) {
        LocalDynamo.client().putItem(b -> b.tableName(table).item(Items.map().put("pk", "CHECKOUT#order:ord_sample_pending").put("sk", "CHECKOUT")
            .put("sessionId", "cs_test_sample0001").put("url", "https://checkout.stripe.com/c/pay/cs_test_sample0001")
            .put("sessionExpiresAt", Instant.now().plusSeconds(1800).toString()).put("expiresAt", Instant.now().plus(Duration.ofDays(7)).getEpochSecond())
            .put("userId", "user-alice").put("amount", 6780).put("currency", "EUR").put("orderId", "ord_sample_pending").put("paymentId", paymentId).build()));
    }

    /** The item at this key (empty when there is none). */
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item(String pk, String sk) {
        return LocalDynamo.client().getItem(b -> b.tableName(table).key(Items.key(pk, sk)).consistentRead(true)).item();
    }

    List<JsonNode> outbox() {
        return LocalDynamo.client().scan(b -> b.tableName(table).filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", Items.s("OUTBOX#"))).consistentRead(true)).items().stream()
            .map(i -> Json.tree(i.get("event").s())).toList();
    }

    List<JsonNode> outbox(String type) { return outbox().stream().filter(e -> e.get("type").asString().equals(type)).toList(); }

    int itemCount() { return LocalDynamo.client().scan(b -> b.tableName(table).select("COUNT").consistentRead(true)).count(); }

    /** Waits for the simulator's webhook to have been handled: the outbox holds a matching event. */
    JsonNode awaitEvent(String type, Predicate<JsonNode> matching) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var found = outbox(type).stream().filter(matching).findFirst();
            if (found.isPresent()) return found.get();
            Thread.sleep(25);
        }
        throw new AssertionError("no " + type + " event in the outbox; have " + outbox().stream().map(e -> e.get("type").asString()).toList());
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) { return Json.tree(r.getBody()); }

    @Override
    public void close() {
        functions.close();
        stripe.close();
        gateway.stop(0);
    }
}
