// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.event.EventEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes one domain event to every connection subscribed to one of its topics. A connection on two of the event's
 * topics (say {@code order:1} and {@code user:u1}) gets one message per topic: clients route by topic.
 *
 * <p>Failure policy: individual failed posts (after the SDK's retries) are counted, not retried, because retrying
 * the event would duplicate it for every client that already got it. Only when nothing could be delivered and
 * something failed (endpoint down, permissions) does the event fail, so SQS retries it and finally parks it in
 * the DLQ instead of silently dropping it.
 */
public final class LivePush {
    private final ConnectionStore store;
    private final FanOut fanOut;
    private final Clock clock;

    public LivePush(ConnectionStore store, FanOut fanOut, Clock clock) {
        this.store = store;
        this.fanOut = fanOut;
        this.clock = clock;
    }

    /** Runs a delivery at most once per key (an idempotency store); redelivered events must not reach clients twice. */
    public interface Once {
        void run(String key, Runnable delivery);
    }

    /**
     * Looks the subscribers up first and claims the event only when there is something to deliver: most events have no
     * live subscriber, and for them a redelivery repeats one read instead of costing a claim and its completion.
     */
    public FanOut.Result push(EventEnvelope event, Once once) {
        Instant now = clock.instant();
        List<Topic> topics = EventTopics.of(event);
        // Subscriber lists of all topics in one parallel round trip, then one bounded fan-out over all deliveries:
        // latency is one query plus one post, not one per topic.
        Map<Topic, List<String>> subscribers = new ConcurrentHashMap<>();
        BoundedParallel.forEach(topics, topics.size(), topic -> subscribers.put(topic, store.subscribers(topic, now)));
        List<FanOut.Delivery> deliveries = new ArrayList<>();
        for (Topic topic : topics) {
            List<String> ids = subscribers.get(topic);
            if (ids.isEmpty()) continue;
            byte[] message = PushMessage.of(event, topic, now).toBytes();
            ids.forEach(id -> deliveries.add(new FanOut.Delivery(id, message)));
        }
        if (deliveries.isEmpty()) return NOTHING;
        FanOut.Result[] total = {NOTHING};
        once.run(event.id(), () -> {
            total[0] = fanOut.deliver(deliveries);
            if (total[0].failed() > 0 && total[0].delivered() == 0) {
                throw new PushFailedException("event " + event.id() + " (" + event.type() + "): all " + total[0].failed()
                    + " deliveries failed");
            }
        });
        return total[0];
    }

    private static final FanOut.Result NOTHING = new FanOut.Result(0, 0, 0);

    public static final class PushFailedException extends RuntimeException {
        public PushFailedException(String message) { super(message); }
    }
}
