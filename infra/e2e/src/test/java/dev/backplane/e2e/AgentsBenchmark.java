// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import dev.backplane.core.event.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Agents and notifications on devstack (not a test; results go to docs/benchmarks.md): event → in-app notification
 * visible on the owner's socket, event → fraud decision (end to end, and the agent's own decision latency from
 * agent.decided), and the fan-out rate of 1,000 order.paid events to in-app notifications.
 * Run: {@code ./backplane bench agents [events]} (bench/agents.sh: a plain {@code java -cp} run on the test class path,
 * the fan-out size from {@code -Devents}, default 1,000).
 */
public final class AgentsBenchmark {
    private static final LocalSystem SYSTEM = LocalSystem.get();
    private static final java.time.Duration WAIT = java.time.Duration.ofMinutes(5);

    /** devstack's servers are non-daemon threads: the run ends the JVM itself, failed or not, so no stack is left running. */
    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run() throws Exception {
        BusEvents bus = new BusEvents(SYSTEM);
        String bob = SYSTEM.oidc.accessToken("bob");
        String admin = SYSTEM.oidc.accessToken("admin");
        LocalSystem.awaitAuthorizer(SYSTEM, bob);
        SYSTEM.send("GET", "/me", bob, null, Map.of());
        System.out.println("| measure | n | p50 | p99 | max |\n|---|---|---|---|---|");
        try (LiveClient user = Scenarios.connect(SYSTEM, bob); LiveClient feed = Scenarios.connect(SYSTEM, admin)) {
            // a socket starts on its user's own topic only: agent decisions come on the admin topic
            var subscribed = feed.subscribe("admin", WAIT);
            if (!"subscribed".equals(subscribed.path("type").asString())) throw new IllegalStateException("admin topic refused: " + subscribed);
            // bob's email channel off for the run: this measures the in-app path (the mail catcher is not the subject)
            SYSTEM.send("PUT", "/me/notification-preferences", bob, "{\"preferences\":{\"order.paid\":{\"email\":false}}}", Map.of());
            long[] notify = new long[50];
            for (int i = -5; i < notify.length; i++) {
                String orderId = "ord_bench_" + UUID.randomUUID();
                long start = System.nanoTime();
                bus.put("order.paid", "backplane.orders", new Subject("order", orderId),
                    Map.of("orderId", orderId, "userId", "bob", "paymentId", "pi_bench", "amount", 100, "currency", "EUR"));
                user.await(m -> "notification.created".equals(m.path("type").asString()) && m.at("/data/body").asString("").contains(orderId), WAIT);
                if (i >= 0) notify[i] = System.nanoTime() - start;
            }
            row("order.paid on the bus → notification.created on the owner's socket (warm)", notify);

            long[] decide = new long[50];
            List<Double> agentMillis = new ArrayList<>();
            for (int i = -5; i < decide.length; i++) {
                String orderId = "ord_bench_" + UUID.randomUUID();
                long start = System.nanoTime();
                bus.put("order.placed", "backplane.orders", new Subject("order", orderId), Map.of("orderId", orderId,
                    "userId", "bench-" + UUID.randomUUID(), "lines", List.of(), "total", 1000, "currency", "EUR"));
                var decided = feed.await(m -> "agent.decided".equals(m.path("type").asString()) && m.at("/data/output/orderId").asString("").equals(orderId), WAIT);
                if (i >= 0) {
                    decide[i] = System.nanoTime() - start;
                    agentMillis.add(decided.at("/data/latencyMs").asDouble());
                }
            }
            row("order.placed on the bus → agent.decided on the admin socket (warm)", decide);
            long[] own = agentMillis.stream().mapToLong(ms -> (long) (ms * 1e6)).toArray();
            row("fraud agent's own decision latency (agent.decided latencyMs)", own);

            int n = Integer.parseInt(System.getProperty("events", "1000"));
            List<String> ids = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String orderId = "ord_fan_" + i + "_" + UUID.randomUUID();
                ids.add(orderId);
                bus.put("order.paid", "backplane.orders", new Subject("order", orderId),
                    Map.of("orderId", orderId, "userId", "bob", "paymentId", "pi_fan", "amount", 100, "currency", "EUR"));
            }
            double putSeconds = (System.nanoTime() - start) / 1e9;
            String last = ids.getLast();
            int[] seen = {0};
            user.await(m -> {
                if ("notification.created".equals(m.path("type").asString()) && m.at("/data/body").asString("").contains("ord_fan_")) seen[0]++;
                return seen[0] >= n;
            }, WAIT);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%nfan-out: %d order.paid events put in %.1f s; %d notification.created pushed after %.1f s → %.0f events/s end to end (last %s)%n",
                n, putSeconds, seen[0], seconds, seen[0] / seconds, last);
            SYSTEM.send("PUT", "/me/notification-preferences", bob, "{\"preferences\":{\"order.paid\":{\"email\":true}}}", Map.of());
        }
    }

    private static void row(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf("| %s | %d | %.0f ms | %.0f ms | %.0f ms |%n", name, n, sorted[n / 2] / 1e6, sorted[Math.min(n - 1, n * 99 / 100)] / 1e6, sorted[n - 1] / 1e6);
    }
}
