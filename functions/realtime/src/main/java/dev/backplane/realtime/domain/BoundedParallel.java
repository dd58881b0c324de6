// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs an action for each item on virtual threads, at most {@code parallelism} at a time: @connections calls are
 * blocking HTTP round trips, so parallelism (not CPU) sets fan-out time, and the bound keeps us under API Gateway's
 * management API rate limits and the Lambda's socket budget.
 */
public final class BoundedParallel {
    private BoundedParallel() {}

    /** Returns when every action finished; rethrows the first failure after all have run. */
    public static <T> void forEach(Collection<T> items, int parallelism, Consumer<T> action) {
        if (items.isEmpty()) return;
        Semaphore permits = new Semaphore(parallelism);
        List<Future<?>> futures = new ArrayList<>(items.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                permits.acquireUninterruptibly();
                futures.add(threads.submit(() -> {
                    try {
                        action.accept(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
