package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backplane.devstack.stripe.StripeSimulator;
import dev.backplane.devstack.stripe.WebhookSignature;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Money through real protocols only: HTTP API → PlaceOrderFunction → CheckoutOrderFunction → devstack's Stripe
 * simulator (hosted page "Pay") → signed webhook → StripeWebhookFunction → outbox → relay → EventBridge →
 * OrderSagaQueue → OrderSagaFunction (order.paid, then fulfilment) — one correlation id from request to fulfilment
 * ({@link Scenarios}, shared with the LocalStack suite).
 */
class PaymentFlowE2ETest {
    private final LocalSystem system = LocalSystem.get();

    @Test
    void placeCheckoutPayAndTheSagaFulfilsTheOrderInOneCorrelationChain() throws Exception {
        long cold = Scenarios.aPaidOrderIsFulfilledInOneCorrelationChain(system);
        long warm = Scenarios.aPaidOrderIsFulfilledInOneCorrelationChain(system); // same functions, now warm: what a user sees in steady state
        System.out.println("BENCH simulator payment -> order.paid committed: first (cold functions) " + cold + " ms, warm " + warm + " ms");
    }

    /**
     * Warm latency of POST /webhooks/stripe through devstack's HTTP API (gateway + the function in its own JVM +
     * DynamoDB transaction): expiries of sessions of orders that do not exist — written and relayed like real ones,
     * then ignored by the saga. Prints BENCH lines for docs/benchmarks.md.
     */
    @Test
    void webhookAnswersFastWhenWarm() {
        measureWebhook("checkout.session.expired", "recorded: event id + payment.failed in one transaction");
        // an event type we do not act on: no DynamoDB write, so this is gateway + function overhead alone
        measureWebhook("customer.created", "acknowledged without writes");
    }

    private void measureWebhook(String type, String what) {
        int warmup = 50;
        int runs = 300;
        long[] nanos = new long[runs];
        for (int i = -warmup; i < runs; i++) {
            String payload = "{\"id\":\"evt_bench_" + UUID.randomUUID() + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"cs_test_bench\",\"object\":\"checkout.session\","
                + "\"status\":\"expired\",\"metadata\":{\"orderId\":\"ord_bench_none\"}}}}";
            String signature = WebhookSignature.header(StripeSimulator.DEFAULT_WEBHOOK_SECRET, payload, Instant.now().getEpochSecond());
            long start = System.nanoTime();
            HttpResponse<String> r = system.send("POST", "/webhooks/stripe", null, payload, Map.of("stripe-signature", signature));
            if (i >= 0) nanos[i] = System.nanoTime() - start;
            assertEquals(200, r.statusCode(), r.body());
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("BENCH webhook via devstack HTTP API (%s), warm, %d calls: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            what, runs, nanos[runs / 2] / 1e6, nanos[runs * 99 / 100] / 1e6, nanos[runs - 1] / 1e6);
    }
}
