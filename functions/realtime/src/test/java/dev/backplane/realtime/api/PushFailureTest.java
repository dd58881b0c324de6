// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.realtime.domain.LiveConnection;
import dev.backplane.realtime.domain.Topic;
import dev.backplane.realtime.store.DynamoConnectionStore;
import dev.backplane.realtime.testing.Events;
import dev.backplane.realtime.testing.RealtimeStack;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When @connections itself is unreachable, the event must go back to the queue (and later the DLQ), not be dropped. */
class PushFailureTest {
    @Test
    void anUnreachableManagementEndpointFailsTheEventAndKeepsTheConnections() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RealtimeStack stack = new RealtimeStack(Map.of("WEBSOCKET_MANAGEMENT_ENDPOINT", "http://127.0.0.1:" + closedPort + "/dev"))) {
            var store = new DynamoConnectionStore(LocalDynamo.client(), stack.connectionsTable);
            Instant now = Instant.now();
            store.open(new LiveConnection("c-unreachable", "kim", List.of("user"), now, LiveConnection.expiryFor(now)), Topic.user("kim"));
            var event = Events.profileUpdated("kim", 1);

            SQSBatchResponse first = stack.push(List.of(event));
            assertEquals(1, first.getBatchItemFailures().size(), "reported as a batch item failure");
            assertEquals(List.of("c-unreachable"), store.subscribers(Topic.user("kim"), now), "a failure is not a 410: keep the connection");

            SQSBatchResponse redelivery = stack.push(List.of(event));
            assertEquals(1, redelivery.getBatchItemFailures().size(), "the idempotency claim was released, so the retry really runs");
        }
    }
}
