// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * The end-to-end journeys, through real protocols only, against any {@link DeployedSystem}: the devstack suite
 * (OrderFlowE2ETest, PaymentFlowE2ETest, RealtimeE2ETest, DeadLetterE2ETest) and the LocalStack suite run these same
 * methods.
 */
public final class Scenarios {
    public static final List<String> PAYMENT_CHAIN = List.of("order.placed", "checkout.session_created", "payment.succeeded", "order.paid", "order.fulfilled");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private Scenarios() {}

    /**
     * HTTP API (JWT from the OIDC provider) → PlaceOrderFunction → DynamoDB → stream → OutboxRelayFunction →
     * EventBridge → rule → SQS → RecordEventFunction, read back through the HTTP API with the same correlation id.
     */
    public static void anOrderTravelsToTheEventStoreWithItsCorrelationId(DeployedSystem system) throws InterruptedException {
        String alice = system.accessToken("alice");
        String admin = system.accessToken("admin");
        String correlationId = "e2e-" + UUID.randomUUID();

        HttpResponse<String> placed = system.send("POST", "/orders", alice,
            "{\"lines\":[{\"productId\":\"p-espresso\",\"quantity\":1}]}", Map.of("x-correlation-id", correlationId));
        assertEquals(201, placed.statusCode(), placed.body());
        assertEquals(correlationId, placed.headers().firstValue("x-correlation-id").orElseThrow());
        String orderId = Json.tree(placed.body()).get("id").asString();

        // alice's first authenticated call may also register her (user.registered, same correlation id)
        JsonNode trace = awaitTrace(system, admin, correlationId, List.of("order.placed"), WAIT);
        JsonNode event = trace.valueStream().filter(e -> e.get("type").asString().equals("order.placed")).findFirst().orElseThrow();
        assertEquals(correlationId, event.get("correlationId").asString());
        assertEquals(orderId, event.get("data").get("orderId").asString());
    }

    /** The gateway's authorizer refuses a missing token; functions hide other users' orders (404) and admin routes (403). */
    public static void gatewayRejectsMissingTokensAndFunctionsHideOtherUsersOrders(DeployedSystem system) {
        assertEquals(401, system.send("GET", "/orders", null, null, Map.of()).statusCode());
        String alice = system.accessToken("alice");
        HttpResponse<String> placed = system.send("POST", "/orders", alice, "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":1}]}", Map.of());
        assertEquals(201, placed.statusCode(), placed.body());
        String orderId = Json.tree(placed.body()).get("id").asString();
        String bob = system.accessToken("bob");
        assertEquals(404, system.send("GET", "/orders/" + orderId, bob, null, Map.of()).statusCode());
        assertEquals(404, system.send("POST", "/orders/" + orderId + "/cancel", bob, null, Map.of()).statusCode());
        assertEquals(403, system.send("GET", "/admin/traces/anything-1234", bob, null, Map.of()).statusCode());
        assertEquals(200, system.send("GET", "/products", null, null, Map.of()).statusCode());
    }

    /**
     * Money: POST /orders → CheckoutOrderFunction → the Stripe simulator's hosted page "Pay" → signed webhook →
     * StripeWebhookFunction → outbox → relay → EventBridge → OrderSagaQueue → OrderSagaFunction (order.paid, then
     * fulfilment), one correlation id from request to fulfilment. Returns ms from "Pay" to order.paid committed.
     */
    public static long aPaidOrderIsFulfilledInOneCorrelationChain(DeployedSystem system) throws Exception {
        return payAndFulfil(system, "e2e-pay-" + UUID.randomUUID());
    }

    /**
     * What happened to a paid order, hop by hop: with an admin's live feed open, place → checkout → pay → paid →
     * fulfilled, then {@code GET /admin/traces/{correlationId}} holds at least six hops in start order, among them the
     * HTTP call, the relay, a consumer and a WebSocket push that reached the socket, each with a duration.
     */
    public static JsonNode aPaidOrdersTraceShowsEveryHopWithTimings(DeployedSystem system) throws Exception {
        String correlationId = "e2e-trace-" + UUID.randomUUID();
        try (LiveClient admin = connect(system, system.accessToken("admin"))) {
            assertEquals("subscribed", admin.subscribe("admin", WAIT).path("type").asString());
            payAndFulfil(system, correlationId);
            admin.await(m -> LiveClient.type(m, "order.fulfilled") && correlationId.equals(m.path("correlationId").asString()), WAIT);
        }
        JsonNode trace = awaitTrace(system, system.accessToken("admin"), correlationId, t -> {
            List<String> kinds = new ArrayList<>();
            t.get("hops").forEach(h -> kinds.add(h.get("kind").asString()));
            return kinds.containsAll(List.of("http", "outbox", "relay", "consumer", "push"))
                && t.get("hops").valueStream().anyMatch(h -> h.get("kind").asString().equals("push") && h.get("connections").asInt() > 0
                    && "order.fulfilled".equals(h.path("eventType").asString("")));
        }, WAIT);
        JsonNode hops = trace.get("hops");
        assertTrue(hops.size() >= 6, "hops: " + hops);
        Instant previous = Instant.MIN;
        for (JsonNode h : hops) {
            Instant started = Instant.parse(h.get("startedAt").asString());
            assertTrue(!started.isBefore(previous), "hops in start order: " + hops);
            previous = started;
            assertTrue(h.get("durationMs").isIntegralNumber() && h.get("durationMs").asLong() >= 0, "a duration on " + h);
            assertTrue(h.get("offsetMs").asLong() >= 0, "an offset on " + h);
        }
        JsonNode http = hops.valueStream().filter(h -> h.get("kind").asString().equals("http")).findFirst().orElseThrow();
        assertTrue(http.get("detail").asString().contains("/orders"), http.toString());
        assertTrue(trace.get("durationMs").asLong() > 0, trace.toString());
        return trace;
    }

    /** Place → checkout → pay on the simulator's page → FULFILLED, all under {@code correlationId}; ms from "Pay" to order.paid. */
    private static long payAndFulfil(DeployedSystem system, String correlationId) throws Exception {
        String alice = system.accessToken("alice");
        String admin = system.accessToken("admin");
        Map<String, String> headers = Map.of("x-correlation-id", correlationId);

        HttpResponse<String> placed = system.send("POST", "/orders", alice, "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":1}]}", headers);
        assertEquals(201, placed.statusCode(), placed.body());
        String orderId = Json.tree(placed.body()).get("id").asString();
        HttpResponse<String> checkout = system.send("POST", "/orders/" + orderId + "/checkout", alice, null, headers);
        assertEquals(200, checkout.statusCode(), checkout.body());
        String payUrl = Json.tree(checkout.body()).get("url").asString();
        assertEquals(404, system.send("POST", "/orders/" + orderId + "/checkout", system.accessToken("bob"), null, Map.of()).statusCode());

        HttpResponse<String> page = system.http().send(HttpRequest.newBuilder(URI.create(payUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("Pay"), page.body());
        Instant paidAt = Instant.now();
        HttpResponse<String> paid = system.http().send(HttpRequest.newBuilder(URI.create(payUrl + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(303, paid.statusCode(), paid.body());

        JsonNode order = awaitStatus(system, alice, orderId, "FULFILLED", Duration.ofSeconds(120));
        List<String> history = new ArrayList<>();
        order.get("history").forEach(h -> history.add(h.get("status").asString()));
        assertEquals(List.of("PENDING_PAYMENT", "PAID", "FULFILLED"), history);

        JsonNode events = awaitTrace(system, admin, correlationId, PAYMENT_CHAIN, Duration.ofSeconds(60));
        Instant orderPaidAt = null;
        for (JsonNode e : events) {
            assertEquals(correlationId, e.get("correlationId").asString());
            if (e.get("type").asString().equals("order.paid")) orderPaidAt = Instant.parse(e.get("occurredAt").asString());
        }
        return Duration.between(paidAt, orderPaidAt).toMillis();
    }

    /**
     * A declined card, live: the owner opens the order's page at once (subscribes to {@code order:{id}} right after
     * POST /orders, ahead of realtime's owner projection), pays with a card the Stripe simulator declines, and the
     * signed webhook → StripeWebhookFunction → payment.failed → RealtimePushFunction reaches that socket on the order's
     * topic; another user cannot watch the order. Returns the decline → push latency in ms.
     */
    public static long aDeclinedCardReachesTheOwnerWatchingTheOrder(DeployedSystem system) throws Exception {
        String alice = system.accessToken("alice");
        try (LiveClient owner = connect(system, alice); LiveClient bob = connect(system, system.accessToken("bob"))) {
            HttpResponse<String> placed = system.sendPatiently("POST", "/orders", alice, "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":1}]}");
            assertEquals(201, placed.statusCode(), placed.body());
            String orderId = Json.tree(placed.body()).get("id").asString();
            String topic = "order:" + orderId;
            JsonNode answer = owner.subscribe(topic, WAIT);
            if (!LiveClient.type(answer, "subscribed")) {
                // refused while the projection had not seen order.placed yet: the admission follows once it has
                assertEquals("forbidden_topic", answer.path("code").asString(), answer.toString());
                owner.await(m -> LiveClient.type(m, "subscribed") && topic.equals(m.path("topic").asString()), WAIT);
            }
            assertEquals("forbidden_topic", bob.subscribe(topic, WAIT).path("code").asString());

            HttpResponse<String> checkout = system.sendPatiently("POST", "/orders/" + orderId + "/checkout", alice, null);
            assertEquals(200, checkout.statusCode(), checkout.body());
            String payUrl = Json.tree(checkout.body()).get("url").asString();
            Instant declinedAt = Instant.now();
            HttpResponse<String> declined = system.http().send(HttpRequest.newBuilder(URI.create(payUrl + "/decline"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(402, declined.statusCode(), declined.body());

            JsonNode failed = owner.await(m -> LiveClient.type(m, "payment.failed") && topic.equals(m.path("topic").asString()), WAIT);
            long millis = Duration.between(declinedAt, Instant.now()).toMillis();
            assertEquals(orderId, failed.path("data").path("orderId").asString(), failed.toString());
            assertTrue(failed.path("data").path("retryable").asBoolean(), "a declined card may be retried: " + failed);
            assertFalse(failed.path("data").path("reason").asString("").isBlank(), failed.toString());

            bob.send("{\"action\":\"ping\"}");
            bob.await(m -> LiveClient.type(m, "pong"), WAIT);
            assertTrue(bob.seen().stream().noneMatch(m -> LiveClient.type(m, "payment.failed")), "bob sees none of alice's payments");
            return millis;
        }
    }

    /**
     * Live push: a WebSocket client authorized on $connect, POST /orders → outbox → relay → EventBridge →
     * RealtimePushQueue → RealtimePushFunction → @connections → the owner's socket; another user cannot subscribe to
     * the order and sees none of it. Returns the write → push latencies in ms (first one cold).
     */
    public static List<Long> theOwnerSeesTheirOrderPlacedLiveAndAnotherUserCannotWatchIt(DeployedSystem system, int orders) {
        try (LiveClient alice = connect(system, system.accessToken("alice")); LiveClient bob = connect(system, system.accessToken("bob"))) {
            alice.send("{\"action\":\"ping\"}");
            alice.await(m -> LiveClient.type(m, "pong"), WAIT);

            String token = system.accessToken("alice");
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                long start = System.nanoTime();
                HttpResponse<String> placed = system.send("POST", "/orders", token, "{\"lines\":[{\"productId\":\"p-espresso\",\"quantity\":1}]}", Map.of());
                assertEquals(201, placed.statusCode(), placed.body());
                String orderId = Json.tree(placed.body()).get("id").asString();
                JsonNode pushed = alice.await(m -> LiveClient.type(m, "order.placed") && orderId.equals(m.path("data").path("orderId").asString()), WAIT);
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(orderId, pushed.path("data").path("orderId").asString());
                if (i == 0) {
                    assertEquals("subscribed", alice.subscribe("order:" + orderId, WAIT).path("type").asString());
                    assertEquals("forbidden_topic", bob.subscribe("order:" + orderId, WAIT).path("code").asString());
                }
            }
            bob.send("{\"action\":\"ping\"}");
            bob.await(m -> LiveClient.type(m, "pong"), WAIT);
            assertEquals(0, bob.seen().stream().filter(m -> LiveClient.type(m, "order.placed")).count(), "bob sees none of alice's orders");
            return millis;
        }
    }

    /**
     * Poison → dead-letter queue: a message no consumer can parse is reported as a batch item failure on every
     * delivery and, after the queue's maxReceiveCount, moved by SQS to the dead-letter queue — never acknowledged
     * and lost. The queue's visibility timeout is shortened for the test (redeliveries in seconds, not minutes).
     */
    public static void aPoisonMessageEndsInTheDeadLetterQueue(DeployedSystem system, String queue, String deadLetterQueue) throws InterruptedException {
        String queueUrl = system.queueUrl(queue);
        String dlqUrl = system.queueUrl(deadLetterQueue);
        var sqs = system.sqs();
        String visibility = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
            .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        try {
            String poison = "{\"poison\":\"" + UUID.randomUUID() + "\", not json";
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(poison));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (Instant.now().isBefore(deadline)) {
                for (Message m : sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(2)).messages()) {
                    if (m.body().equals(poison)) {
                        sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()));
                        return;
                    }
                }
            }
            throw new AssertionError("the poison message never reached " + deadLetterQueue);
        } finally {
            sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, visibility)));
        }
    }

    public static LiveClient connect(DeployedSystem system, String token) {
        URI uri = URI.create(system.webSocketUrl() + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return LiveClient.connect(system.http(), uri);
    }

    static JsonNode awaitStatus(DeployedSystem system, String token, String orderId, String status, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = system.send("GET", "/orders/" + orderId, token, null, Map.of());
            last = r.body();
            if (r.statusCode() == 200 && Json.tree(r.body()).get("status").asString().equals(status)) return Json.tree(r.body());
            Thread.sleep(100);
        }
        throw new AssertionError("order never became " + status + "; last: " + last);
    }

    /** The event store is fed asynchronously: waits until the trace holds every one of {@code types}; returns its events. */
    static JsonNode awaitTrace(DeployedSystem system, String token, String correlationId, List<String> types, Duration timeout) throws InterruptedException {
        return awaitTrace(system, token, correlationId, trace -> {
            List<String> seen = new ArrayList<>();
            trace.get("events").forEach(e -> seen.add(e.get("type").asString()));
            return seen.containsAll(types);
        }, timeout).get("events");
    }

    /** Events and hops arrive asynchronously: waits until the trace is {@code complete}; returns the whole trace. */
    static JsonNode awaitTrace(DeployedSystem system, String token, String correlationId, Predicate<JsonNode> complete, Duration timeout)
        throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "none";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = system.send("GET", "/admin/traces/" + correlationId, token, null, Map.of());
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && complete.test(Json.tree(r.body()))) return Json.tree(r.body());
            Thread.sleep(250);
        }
        throw new AssertionError("the trace of " + correlationId + " never became complete; last answer " + last);
    }
}
