// SPDX-License-Identifier: Apache-2.0
package dev.backplane.bench.realtime;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.realtime.testing.Events;
import dev.backplane.realtime.testing.RealtimeStack;
import dev.backplane.realtime.testing.TestSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realtime push benchmarks on the local stack (devstack's API Gateway emulation + @connections, DynamoDB Local,
 * push consumer bean in-process, real JDK WebSocket clients):
 * <ol>
 *   <li>push latency: consumer invocation start → message complete at the client, one subscriber, warm;</li>
 *   <li>fan-out: one event to N sockets on one topic, invocation start → last socket's receipt.</li>
 * </ol>
 * Arguments: latencyRuns fanOutSockets fanOutRuns parallelism.
 */
public final class RealtimeBench {
    public static void main(String[] args) throws Exception {
        int latencyRuns = arg(args, 0, 300);
        int sockets = arg(args, 1, 500);
        int fanOutRuns = arg(args, 2, 10);
        int parallelism = arg(args, 3, 32);
        // the local stack's servers are non-daemon threads: end explicitly, also on failure
        try (RealtimeStack stack = new RealtimeStack(Map.of("PUSH_PARALLELISM", Integer.toString(parallelism),
            // one user's sockets on one topic: the fan-out is measured here, not the per-user connection limit
            "WS_MAX_CONNECTIONS_PER_USER", Integer.toString(sockets + 1)))) {
            latency(stack, latencyRuns);
            fanOut(stack, sockets, fanOutRuns, parallelism);
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void latency(RealtimeStack stack, int runs) throws Exception {
        Map<Integer, Long> receivedAt = new ConcurrentHashMap<>();
        try (TestSocket socket = stack.connect(stack.token("bench-latency", "user"))) {
            socket.onReceipt(m -> receivedAt.put(m.path("data").path("seq").asInt(-1), System.nanoTime()));
            int warmup = 50;
            long[] micros = new long[runs];
            for (int i = 0; i < warmup + runs; i++) {
                EventEnvelope event = Events.profileUpdated("bench-latency", i);
                long start = System.nanoTime();
                stack.push(List.of(event));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!receivedAt.containsKey(i) && System.nanoTime() < deadline) Thread.onSpinWait();
                Long at = receivedAt.get(i);
                if (at == null) throw new IllegalStateException("event " + i + " never arrived");
                if (i >= warmup) micros[i - warmup] = (at - start) / 1_000;
            }
            Arrays.sort(micros);
            System.out.printf("push latency (1 subscriber, %d warm runs): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", runs,
                pct(micros, 50), pct(micros, 90), pct(micros, 99), micros[runs - 1] / 1000.0);
        }
    }

    private static void fanOut(RealtimeStack stack, int sockets, int runs, int parallelism) throws Exception {
        String token = stack.token("bench-fanout", "user");
        List<TestSocket> open = new ArrayList<>();
        try (ExecutorService opening = Executors.newFixedThreadPool(16)) {
            List<Future<TestSocket>> futures = new ArrayList<>();
            for (int i = 0; i < sockets; i++) futures.add(opening.submit(() -> stack.connect(token)));
            for (Future<TestSocket> f : futures) open.add(f.get());
        }
        try {
            long[] lastMillis = new long[runs];
            long[] invocationMillis = new long[runs];
            for (int run = -2; run < runs; run++) { // two warm-up rounds
                CountDownLatch all = new CountDownLatch(sockets);
                AtomicLong last = new AtomicLong();
                int seq = 10_000 + run;
                for (TestSocket s : open) {
                    s.onReceipt(m -> {
                        if (m.path("data").path("seq").asInt(-1) == seq) {
                            last.accumulateAndGet(System.nanoTime(), Math::max);
                            all.countDown();
                        }
                    });
                }
                long start = System.nanoTime();
                stack.push(List.of(Events.profileUpdated("bench-fanout", seq)));
                long invoked = System.nanoTime();
                if (!all.await(60, TimeUnit.SECONDS)) throw new IllegalStateException(all.getCount() + " sockets missed run " + run);
                if (run >= 0) {
                    lastMillis[run] = (last.get() - start) / 1_000_000;
                    invocationMillis[run] = (invoked - start) / 1_000_000;
                }
            }
            Arrays.sort(lastMillis);
            Arrays.sort(invocationMillis);
            System.out.printf("fan-out to %d sockets (parallelism %d, %d runs): time to last delivery median %d ms, max %d ms; "
                + "consumer invocation median %d ms%n", sockets, parallelism, runs, lastMillis[runs / 2], lastMillis[runs - 1],
                invocationMillis[runs / 2]);
        } finally {
            open.forEach(TestSocket::abort);
        }
    }

    private static double pct(long[] sortedMicros, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }

    private static int arg(String[] args, int i, int fallback) { return args.length > i ? Integer.parseInt(args[i]) : fallback; }
}
