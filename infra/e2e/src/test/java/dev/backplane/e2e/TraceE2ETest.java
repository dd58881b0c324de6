// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import org.junit.jupiter.api.Test;

/**
 * "What happened to order X", answered by the trace on devstack: the paid-order journey of {@link PaymentFlowE2ETest}
 * with an admin's live feed open, then its timeline — hops the functions recorded (HTTP call, outbox, relay, consumers,
 * agents, notifications, WebSocket push) merged with those derived from the events, in start order with durations.
 */
class TraceE2ETest {
    private final LocalSystem system = LocalSystem.get();

    @Test
    void aPaidOrdersTraceShowsTheHttpCallRelayConsumersAndPushInOrderWithTimings() throws Exception {
        // started through devstack's invoke API (no gateway deadline): a first start on a loaded machine can outlast
        // Lambda's init limit, which the gateway reports as a 500 the journey must not mistake for a passing cold start
        // (the socket's functions last: devstack stops instances idle for 3 minutes)
        new OpsConsole(system).warm("PlaceOrderFunction", "CheckoutOrderFunction", "GetOrderFunction", "StripeWebhookFunction",
            "OrderSagaFunction", "RecordEventFunction", "RealtimePushFunction", "GetTraceFunction", "AuthorizerFunction",
            "WsConnectFunction", "WsMessageFunction");
        Scenarios.aPaidOrdersTraceShowsEveryHopWithTimings(system);
    }
}
