package dev.backplane.e2e;

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

    @Test
    void aDeclinedCardReachesTheOwnersSocketOnTheOrderTopic() throws Exception {
        long millis = Scenarios.aDeclinedCardReachesTheOwnerWatchingTheOrder(system);
        System.out.println("BENCH simulator decline -> payment.failed on the owner's socket: " + millis + " ms");
    }
}
