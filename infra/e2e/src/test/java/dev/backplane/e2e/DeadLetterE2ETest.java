// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import org.junit.jupiter.api.Test;

/** Poison → DLQ on devstack ({@link Scenarios}, shared with the LocalStack suite): nothing unparseable is ever lost. */
class DeadLetterE2ETest {
    private final LocalSystem system = LocalSystem.get();

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueue() throws Exception {
        Scenarios.aPoisonMessageEndsInTheDeadLetterQueue(system, "EventStoreQueue", "EventStoreDeadLetterQueue");
    }
}
