package dev.backplane.devstack.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backplane.devstack.logs.LogSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A local Stripe for the parts Backplane uses: Checkout Sessions (create, retrieve, expire), refunds, a hosted
 * checkout page (Pay / Decline) at each session's {@code url}, and signed webhooks to the application (retried
 * until 2xx; re-deliverable on demand). Stripe's wire format: form-encoded requests, JSON responses, Bearer key,
 * {@code Idempotency-Key}. Point the Stripe client at {@link #apiBase()} ({@code STRIPE_API_BASE}).
 * <p>
 * Admin, for tests and the curious: {@code GET /_stripe/events} (sent events and their delivery statuses),
 * {@code POST /_stripe/events/{id}/resend?times=N} (N concurrent redeliveries; answers their statuses),
 * {@code DELETE /_stripe/idempotency-keys} (forget them, as Stripe does after 24 hours).
 */
public final class StripeSimulator implements AutoCloseable {
    public static final String DEFAULT_API_KEY = "sk_test_devstack";
    public static final String DEFAULT_WEBHOOK_SECRET = "whsec_devstack";
    /** The application's webhook route (template: POST /webhooks/stripe, no authorizer). */
    public static final String WEBHOOK_PATH = "/webhooks/stripe";
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Ledger ledger;
    private final WebhookSender webhooks;
    private final String apiKey;

    private StripeSimulator(HttpServer server, Ledger ledger, WebhookSender webhooks, String apiKey) {
        this.server = server;
        this.ledger = ledger;
        this.webhooks = webhooks;
        this.apiKey = apiKey;
    }

    /**
     * @param webhookUrl where events go (read per delivery: the application may start after the simulator)
     * @param retryDelays waits between delivery attempts of one event (Stripe: hours; devstack: seconds)
     */
    public static StripeSimulator start(int port, String apiKey, String webhookSecret, Supplier<String> webhookUrl,
                                        List<Duration> retryDelays, LogSink log) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            WebhookSender webhooks = new WebhookSender(webhookUrl, webhookSecret, retryDelays, log);
            String base = "http://localhost:" + server.getAddress().getPort();
            Ledger ledger = new Ledger(base, webhooks);
            StripeSimulator simulator = new StripeSimulator(server, ledger, webhooks, apiKey);
            server.createContext("/v1/", simulator::api);
            server.createContext("/checkout/", new CheckoutPage(ledger)::handle);
            server.createContext("/_stripe/", simulator::admin);
            server.start();
            ledger.startExpiryClock();
            log.system("stripe simulator on " + base + " → webhooks to the application's /webhooks/stripe");
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Defaults for devstack: the well-known local key/secret, retries after 1, 2, 5, 10 and 30 seconds. */
    public static StripeSimulator start(int port, Supplier<String> webhookUrl, LogSink log) {
        return start(port, DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET, webhookUrl,
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)), log);
    }

    /**
     * devstack's hook: for a template declaring {@code StripeApiBase}, starts the simulator and points the template's
     * StripeApiBase / StripeApiKey / StripeWebhookSecret parameters at it (explicit values win). A developer who passes
     * a real test key ({@code --param StripeApiKey=sk_test_…}) talks to Stripe itself: then nothing starts.
     */
    public static java.util.Optional<StripeSimulator> attach(java.util.Set<String> declaredParameters, Map<String, Object> parameters,
                                                            int port, Supplier<String> httpApiUrl, LogSink log) {
        if (!declaredParameters.contains("StripeApiBase") || parameters.containsKey("StripeApiKey")) return java.util.Optional.empty();
        StripeSimulator simulator = start(port, () -> httpApiUrl.get() + WEBHOOK_PATH, log);
        parameters.putIfAbsent("StripeApiBase", simulator.apiBase());
        if (declaredParameters.contains("StripeApiKey")) parameters.putIfAbsent("StripeApiKey", simulator.apiKey);
        if (declaredParameters.contains("StripeWebhookSecret")) parameters.putIfAbsent("StripeWebhookSecret", simulator.webhooks.secret());
        return java.util.Optional.of(simulator);
    }

    public String apiBase() { return "http://localhost:" + server.getAddress().getPort(); }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + apiKey)) {
                Replies.json(exchange, 401, Replies.error("invalid_request_error", null, "Invalid API Key provided"));
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            Ledger.Reply reply = method.equals("POST") && key != null
                ? ledger.idempotent(key, method + " " + path + "\n" + body, () -> ledger.route(method, path, body))
                : ledger.route(method, path, body);
            if (reply.replayed()) exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
            Replies.json(exchange, reply.status(), reply.body());
        } catch (RuntimeException e) {
            Replies.json(exchange, 500, Replies.error("api_error", null, "simulator failure: " + e));
        }
    }

    private void admin(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring("/_stripe/".length()).split("/");
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path[0].equals("events") && path.length == 1) {
                var list = JSON.createArrayNode();
                for (WebhookSender.Delivery d : webhooks.deliveries()) {
                    ObjectNode n = list.addObject().put("id", d.eventId()).put("type", d.type()).put("delivered", d.delivered());
                    d.statuses().forEach(n.putArray("attempts")::add);
                }
                Replies.json(exchange, 200, list);
            } else if (method.equals("POST") && path[0].equals("events") && path.length == 3 && path[2].equals("resend")) {
                String query = exchange.getRequestURI().getQuery();
                int times = query != null && query.startsWith("times=") ? Math.min(50, Integer.parseInt(query.substring(6))) : 1;
                var statuses = JSON.createArrayNode();
                webhooks.resend(path[1], times).forEach(statuses::add);
                Replies.json(exchange, 200, JSON.createObjectNode().put("id", path[1]).set("statuses", statuses));
            } else if (method.equals("DELETE") && path[0].equals("idempotency-keys")) {
                ledger.forgetIdempotencyKeys(); // what Stripe does after 24 hours
                exchange.sendResponseHeaders(204, -1);
            } else {
                Replies.json(exchange, 404, Replies.error("invalid_request_error", "resource_missing", "unknown admin call"));
            }
        } catch (IllegalArgumentException e) {
            Replies.json(exchange, 404, Replies.error("invalid_request_error", "resource_missing", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ledger.close();
        webhooks.close();
        server.stop(0);
    }
}
