package dev.backplane.devstack.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator over its wire protocol: form-encoded API, hosted page, signed webhooks with retries and resends. */
class StripeSimulatorTest {
    private static final String KEY = "sk_test_simulator";
    private static final String SECRET = "whsec_simulator";
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private final HttpServer receiver;
    private final StripeSimulator stripe;

    record Received(String signature, String body) {}

    StripeSimulatorTest() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/stripe", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("Stripe-Signature"), body));
            exchange.sendResponseHeaders(failFirst.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        receiver.start();
        stripe = StripeSimulator.start(0, KEY, SECRET, () -> "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/stripe",
            List.of(Duration.ofMillis(100), Duration.ofMillis(200)), (source, text) -> { });
    }

    @AfterEach
    void stop() {
        stripe.close();
        receiver.stop(0);
    }

    @Test
    void createRetrieveAndPayASessionSendsASignedCompletedWebhook() throws Exception {
        JsonNode session = createSession("key-1", "2490");
        String id = session.get("id").asText();
        assertTrue(id.startsWith("cs_test_"));
        assertEquals(2 * 2490 + 1800, session.get("amount_total").asLong());
        assertEquals("open", session.get("status").asText());
        assertEquals("ord_1", session.get("metadata").get("orderId").asText());
        assertEquals(id, json(api("GET", "/v1/checkout/sessions/" + id, null, null)).get("id").asText());

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(session.get("url").asText())).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("id=pay") && page.body().contains("id=decline"), page.body());
        HttpResponse<String> paid = post(stripe.apiBase() + "/checkout/" + id + "/pay");
        assertEquals(303, paid.statusCode());
        assertEquals("https://shop.test/ok?session=" + id, paid.headers().firstValue("location").orElseThrow());

        Received hook = next();
        assertSignedNow(hook);
        JsonNode event = StripeSimulator.JSON.readTree(hook.body());
        assertEquals("checkout.session.completed", event.get("type").asText());
        JsonNode object = event.get("data").get("object");
        assertEquals("paid", object.get("payment_status").asText());
        assertTrue(object.get("payment_intent").asText().startsWith("pi_"));
        assertEquals(409, post(stripe.apiBase() + "/checkout/" + id + "/pay").statusCode()); // paid once only
    }

    @Test
    void idempotencyKeysReplayTheFirstSessionAndRejectOtherParameters() throws Exception {
        JsonNode first = createSession("same-key", "2490");
        HttpResponse<String> again = api("POST", "/v1/checkout/sessions", "same-key", form("2490"));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(first.get("id").asText(), json(again).get("id").asText());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElseThrow());
        HttpResponse<String> other = api("POST", "/v1/checkout/sessions", "same-key", form("100"));
        assertEquals(400, other.statusCode());
        assertEquals("idempotency_key_in_use", json(other).get("error").get("code").asText());
        HttpRequest noKey = HttpRequest.newBuilder(URI.create(stripe.apiBase() + "/v1/checkout/sessions")).header("Authorization", "Bearer sk_wrong")
            .POST(HttpRequest.BodyPublishers.ofString(form("1"))).build();
        assertEquals(401, http.send(noKey, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void failedDeliveriesAreRetriedAndEventsCanBeResentConcurrently() throws Exception {
        failFirst.set(2);
        String id = createSession("key-2", "500").get("id").asText();
        post(stripe.apiBase() + "/checkout/" + id + "/decline");
        Received a = next();
        Received b = next();
        Received c = next();
        assertEquals(a.body(), b.body());
        assertEquals(b.body(), c.body());
        assertEquals("payment_intent.payment_failed", StripeSimulator.JSON.readTree(c.body()).get("type").asText());
        String eventId = StripeSimulator.JSON.readTree(c.body()).get("id").asText();

        JsonNode events = null;
        for (int i = 0; i < 50; i++) { // the receiver saw the body before the sender recorded the status
            events = json(http.send(HttpRequest.newBuilder(URI.create(stripe.apiBase() + "/_stripe/events")).build(), HttpResponse.BodyHandlers.ofString()));
            if (events.get(0).get("delivered").asBoolean()) break;
            Thread.sleep(20);
        }
        assertEquals(List.of(500, 500, 200), StripeSimulator.JSON.convertValue(events.get(0).get("attempts"), List.class));

        JsonNode resent = json(post(stripe.apiBase() + "/_stripe/events/" + eventId + "/resend?times=5"));
        assertEquals(5, resent.get("statuses").size());
        for (int i = 0; i < 5; i++) assertSignedNow(next());
    }

    @Test
    void expiringASessionAndRefundingAPaymentEmitTheirEvents() throws Exception {
        String expiring = createSession("key-3", "700").get("id").asText();
        assertEquals("expired", json(api("POST", "/v1/checkout/sessions/" + expiring + "/expire", null, "")).get("status").asText());
        assertEquals("checkout.session.expired", StripeSimulator.JSON.readTree(next().body()).get("type").asText());
        assertEquals(400, api("POST", "/v1/checkout/sessions/" + expiring + "/expire", null, "").statusCode());

        String paid = createSession("key-4", "900").get("id").asText();
        post(stripe.apiBase() + "/checkout/" + paid + "/pay");
        String intent = StripeSimulator.JSON.readTree(next().body()).get("data").get("object").get("payment_intent").asText();
        HttpResponse<String> refund = api("POST", "/v1/refunds", "refund-1", "payment_intent=" + intent + "&metadata[orderId]=ord_1");
        assertEquals(200, refund.statusCode(), refund.body());
        JsonNode charge = StripeSimulator.JSON.readTree(next().body());
        assertEquals("charge.refunded", charge.get("type").asText());
        assertEquals(2 * 900 + 1800, charge.get("data").get("object").get("amount_refunded").asLong());
        assertEquals("ord_1", charge.get("data").get("object").get("metadata").get("orderId").asText());
        assertEquals(refund.body(), api("POST", "/v1/refunds", "refund-1", "payment_intent=" + intent + "&metadata[orderId]=ord_1").body());
        assertEquals(400, api("POST", "/v1/refunds", "refund-2", "payment_intent=" + intent).statusCode());
    }

    @Test
    void sessionsPastTheirExpiryExpireByThemselves() throws Exception {
        String body = form("100").replaceFirst("expires_at=\\d+", "expires_at=" + (Instant.now().getEpochSecond() - 1));
        String id = json(api("POST", "/v1/checkout/sessions", "key-5", body)).get("id").asText();
        JsonNode event = StripeSimulator.JSON.readTree(next().body());
        assertEquals("checkout.session.expired", event.get("type").asText());
        assertEquals(id, event.get("data").get("object").get("id").asText());
    }

    @Test
    void devstackAttachesItOnlyToTemplatesWithStripeParametersAndWithoutARealKey() {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("StripeWebhookSecret", "mine"));
        try (StripeSimulator attached = StripeSimulator.attach(java.util.Set.of("StripeApiBase", "StripeApiKey", "StripeWebhookSecret"), params, 0,
                () -> "http://127.0.0.1:1", (s, t) -> { }).orElseThrow()) {
            assertEquals(Map.of("StripeApiBase", attached.apiBase(), "StripeApiKey", StripeSimulator.DEFAULT_API_KEY, "StripeWebhookSecret", "mine"), params);
        }
        assertTrue(StripeSimulator.attach(java.util.Set.of("OidcIssuerUrl"), new java.util.HashMap<>(), 0, () -> "", (s, t) -> { }).isEmpty());
        assertTrue(StripeSimulator.attach(java.util.Set.of("StripeApiBase"), new java.util.HashMap<>(Map.of("StripeApiKey", "sk_test_real")), 0,
            () -> "", (s, t) -> { }).isEmpty());
    }

    private JsonNode createSession(String key, String unitAmount) throws Exception {
        HttpResponse<String> r = api("POST", "/v1/checkout/sessions", key, form(unitAmount));
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    private static String form(String unitAmount) {
        return "mode=payment&client_reference_id=order%3Aord_1&success_url=https%3A%2F%2Fshop.test%2Fok%3Fsession%3D%7BCHECKOUT_SESSION_ID%7D"
            + "&cancel_url=https%3A%2F%2Fshop.test%2Fcancel&expires_at=" + (Instant.now().getEpochSecond() + 1800)
            + "&metadata[orderId]=ord_1&payment_intent_data[metadata][orderId]=ord_1"
            + "&line_items[0][quantity]=2&line_items[0][price_data][currency]=eur&line_items[0][price_data][unit_amount]=" + unitAmount
            + "&line_items[0][price_data][product_data][name]=Espresso%20beans"
            + "&line_items[1][quantity]=1&line_items[1][price_data][currency]=eur&line_items[1][price_data][unit_amount]=1800"
            + "&line_items[1][price_data][product_data][name]=Mug";
    }

    private HttpResponse<String> api(String method, String path, String idempotencyKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stripe.apiBase() + path)).header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception { return StripeSimulator.JSON.readTree(r.body()); }

    private Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no webhook arrived");
        return r;
    }

    /** Recomputes Stripe's v1 signature and checks the timestamp is current. */
    private static void assertSignedNow(Received r) {
        String[] parts = r.signature().split(",");
        long t = Long.parseLong(parts[0].substring(2));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - t) < 10);
        assertEquals("v1=" + WebhookSignature.hmac(SECRET, t + "." + r.body()), parts[1]);
    }
}
