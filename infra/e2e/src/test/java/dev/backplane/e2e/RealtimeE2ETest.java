// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Live push through the whole system on devstack: a browser-like WebSocket client authorized by identity's
 * AuthorizerFunction (token from the local OIDC provider), POST /orders → outbox → relay → EventBridge →
 * RealtimePushQueue → RealtimePushFunction (child JVM) → @connections → the owner's socket. Prints write → push
 * latency (docs/benchmarks.md, Realtime). The journey is {@link Scenarios}, shared with the LocalStack suite.
 */
class RealtimeE2ETest {
    private final LocalSystem system = LocalSystem.get();

    @Test
    void theOwnerSeesTheirOrderPlacedLiveAndAnotherUserCannotWatchIt() {
        List<Long> millis = new ArrayList<>(Scenarios.theOwnerSeesTheirOrderPlacedLiveAndAnotherUserCannotWatchIt(system, 12));
        List<Long> warm = new ArrayList<>(millis.subList(2, millis.size()));
        warm.sort(null);
        System.out.println("e2e write -> push latency (POST /orders start to socket receipt), first " + millis.get(0)
            + " ms; warm n=" + warm.size() + " p50 " + warm.get(warm.size() / 2) + " ms, max " + warm.getLast() + " ms");
    }
}
