package dev.backplane.notifications.bench;

import dev.backplane.notifications.NotificationStack;
import java.util.Map;

/**
 * Notifications fan-out in-process (not a test; docs/benchmarks.md): 1,000 order.paid events, delivered 10 per SQS
 * batch to notifyOnEvents, for a user with email and one webhook → 1,000 in-app notifications + 2,000 delivery jobs;
 * then the delivery function drains the jobs (SES v2 into the mail catcher, signed POSTs to a local server).
 * DynamoDB Local, ElasticMQ and the mail catcher in the same JVM. Run like FraudDecisionBenchmark.
 */
public final class FanOutBenchmark {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getProperty("events", "1000"));
        try (NotificationStack stack = new NotificationStack(true)) {
            stack.notify(NotificationStack.delivery("NotifyOnEventsFunction/sqs_user-registered.json", "bench-registered", Map.of()));
            stack.call("createWebhook", "CreateWebhookFunction/create-webhook_metadata-address.json", null, null, Map.of("url", stack.hookUrl("/bench")));
            for (int i = 0; i < 50; i++) stack.notify(NotificationStack.delivery("NotifyOnEventsFunction/sqs_order-paid.json", "warm-" + i, Map.of()));
            stack.drain();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) stack.notify(NotificationStack.delivery("NotifyOnEventsFunction/sqs_order-paid.json", "fan-" + i, Map.of()));
            double fanOut = (System.nanoTime() - start) / 1e9;
            long drainStart = System.nanoTime();
            int jobs = stack.drain();
            double drain = (System.nanoTime() - drainStart) / 1e9;
            System.out.printf("fan-out: %d events → %d in-app notifications in %.1f s = %.0f events/s (one event per invocation)%n",
                n, stack.outbox("notification.created").size() - 50, fanOut, n / fanOut);
            System.out.printf("deliveries: %d email + webhook jobs drained in %.1f s = %.0f deliveries/s (sequential, batches of 10)%n",
                jobs, drain, jobs / drain);
        }
        System.exit(0);
    }
}
