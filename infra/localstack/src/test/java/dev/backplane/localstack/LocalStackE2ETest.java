// SPDX-License-Identifier: Apache-2.0
package dev.backplane.localstack;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backplane.e2e.Scenarios;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The devstack suite's journeys ({@link Scenarios}) on Backplane deployed to LocalStack with the deploy tool. Each
 * journey is its own test so that, without Docker, the report shows every one of them skipped with the reason; with a
 * LocalStack plan lacking API Gateway v2 the journeys through the HTTP/WebSocket APIs are skipped with theirs.
 */
class LocalStackE2ETest {
    static final String NO_DOCKER = "Docker is not available (needs a LocalStack container)";
    static final String NO_APIS = "no API Gateway v2 in this LocalStack plan (set LOCALSTACK_AUTH_TOKEN; see infra/localstack/README.md)";

    @Test
    void anOrderTravelsToTheEventStoreWithItsCorrelationId() throws Exception {
        Scenarios.anOrderTravelsToTheEventStoreWithItsCorrelationId(withApis());
    }

    @Test
    void gatewayRejectsMissingTokensAndFunctionsHideOtherUsersOrders() {
        Scenarios.gatewayRejectsMissingTokensAndFunctionsHideOtherUsersOrders(withApis());
    }

    @Test
    void aPaidOrderIsFulfilledInOneCorrelationChain() throws Exception {
        Scenarios.aPaidOrderIsFulfilledInOneCorrelationChain(withApis());
    }

    @Test
    void theOwnerSeesTheirOrderPlacedLiveAndAnotherUserCannotWatchIt() {
        Scenarios.theOwnerSeesTheirOrderPlacedLiveAndAnotherUserCannotWatchIt(withApis(), 3);
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueue() throws Exception {
        Scenarios.aPoisonMessageEndsInTheDeadLetterQueue(deployed(), "EventStoreQueue", "EventStoreDeadLetterQueue");
    }

    private static LocalStackSystem deployed() {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), NO_DOCKER);
        return LocalStackSystem.get();
    }

    private static LocalStackSystem withApis() {
        LocalStackSystem system = deployed();
        assumeFalse(system.hybrid(), NO_APIS);
        return system;
    }
}
