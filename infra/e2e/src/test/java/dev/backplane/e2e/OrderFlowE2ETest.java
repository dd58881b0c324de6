package dev.backplane.e2e;

import org.junit.jupiter.api.Test;

/**
 * Through real protocols only: HTTP API (JWT from the local OIDC provider) → PlaceOrderFunction → DynamoDB →
 * stream → OutboxRelayFunction → EventBridge → rule → SQS → RecordEventFunction, read back through the HTTP API.
 * The journeys are {@link Scenarios}, shared with the LocalStack suite.
 */
class OrderFlowE2ETest {
    private final LocalSystem system = LocalSystem.get();

    @Test
    void anOrderTravelsToTheEventStoreWithItsCorrelationId() throws Exception {
        Scenarios.anOrderTravelsToTheEventStoreWithItsCorrelationId(system);
    }

    @Test
    void gatewayRejectsMissingTokensAndFunctionsHideOtherUsersOrders() {
        Scenarios.gatewayRejectsMissingTokensAndFunctionsHideOtherUsersOrders(system);
    }
}
