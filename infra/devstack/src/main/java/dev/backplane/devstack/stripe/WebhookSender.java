package dev.backplane.devstack.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.logs.LogSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Delivers events as Stripe does: POST of the event JSON, freshly signed per attempt, retried with backoff until a
 * 2xx (Stripe retries for days; here {@code retryDelays} says how often and how soon). Events are kept so they can
 * be delivered again on demand — the same event id, several times at once — to exercise idempotent receivers.
 */
final class WebhookSender implements AutoCloseable {
    /** What happened to one event's deliveries; {@code statuses} holds one entry per attempt (-1 = no connection). */
    record Delivery(String eventId, String type, String payload, List<Integer> statuses) {
        boolean delivered() { return statuses.stream().anyMatch(s -> s >= 200 && s < 300); }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, Thread.ofVirtual().factory());
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Supplier<String> target;
    private final String secret;
    private final List<Duration> retryDelays;
    private final LogSink log;

    WebhookSender(Supplier<String> target, String secret, List<Duration> retryDelays, LogSink log) {
        this.target = target;
        this.secret = secret;
        this.retryDelays = List.copyOf(retryDelays);
        this.log = log;
    }

    void send(ObjectNode event) {
        String id = event.get("id").asText();
        Delivery d = new Delivery(id, event.get("type").asText(), event.toString(), java.util.Collections.synchronizedList(new ArrayList<>()));
        deliveries.put(id, d);
        order.add(id);
        scheduler.execute(() -> attempt(d, 0));
    }

    /** Delivers a recorded event {@code times} more times, all at once; returns each attempt's HTTP status. */
    List<Integer> resend(String eventId, int times) throws InterruptedException {
        Delivery d = deliveries.get(eventId);
        if (d == null) throw new IllegalArgumentException("no event " + eventId);
        int[] statuses = new int[times];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(times);
        for (int i = 0; i < times; i++) {
            int slot = i;
            Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    statuses[slot] = post(d);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        start.countDown();
        done.await(60, TimeUnit.SECONDS);
        List<Integer> out = new ArrayList<>();
        for (int s : statuses) out.add(s);
        return out;
    }

    String secret() { return secret; }

    List<Delivery> deliveries() { return order.stream().map(deliveries::get).toList(); }

    private void attempt(Delivery d, int retry) {
        int status = post(d);
        if (status >= 200 && status < 300) return;
        if (retry < retryDelays.size()) {
            log.system("stripe: webhook " + d.eventId() + " got " + status + "; retrying in " + retryDelays.get(retry));
            scheduler.schedule(() -> attempt(d, retry + 1), retryDelays.get(retry).toMillis(), TimeUnit.MILLISECONDS);
        } else {
            log.system("stripe: webhook " + d.eventId() + " gave up after " + (retry + 1) + " attempts");
        }
    }

    private int post(Delivery d) {
        int status;
        try {
            String signature = WebhookSignature.header(secret, d.payload(), System.currentTimeMillis() / 1000);
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.get())).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json; charset=utf-8").header("stripe-signature", signature)
                .header("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) devstack")
                .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        } catch (Exception e) {
            status = -1;
        }
        d.statuses().add(status);
        return status;
    }

    @Override
    public void close() { scheduler.shutdownNow(); }
}
