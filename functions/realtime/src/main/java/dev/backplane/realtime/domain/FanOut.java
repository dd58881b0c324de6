// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers one message to many connections in parallel (bounded) and forgets connections that answer 410 Gone,
 * so a closed tab costs one failed post, not one per event until the sweeper runs.
 */
public final class FanOut {
    private final ConnectionGateway gateway;
    private final ConnectionStore store;
    private final int parallelism;

    public FanOut(ConnectionGateway gateway, ConnectionStore store, int parallelism) {
        this.gateway = gateway;
        this.store = store;
        this.parallelism = parallelism;
    }

    public Result deliver(Collection<Delivery> deliveries) {
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger gone = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        BoundedParallel.forEach(deliveries, parallelism, d -> {
            switch (gateway.send(d.connectionId(), d.message())) {
                case DELIVERED -> delivered.incrementAndGet();
                case GONE -> {
                    store.close(d.connectionId());
                    gone.incrementAndGet();
                }
                case FAILED -> failed.incrementAndGet();
            }
        });
        return new Result(delivered.get(), gone.get(), failed.get());
    }

    /** One message for one connection. */
    public record Delivery(String connectionId, byte[] message) {}

    /** Counts per outcome; {@code failed} are errors other than 410 that survived the SDK's retries. */
    public record Result(int delivered, int gone, int failed) {}
}
