// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.event.EventEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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

    public FanOut.Result push(EventEnvelope event) {
        Instant now = clock.instant();
        FanOut.Result total = FanOut.Result.NONE;
        for (Topic topic : EventTopics.of(event)) {
            List<String> subscribers = store.subscribers(topic, now);
            if (subscribers.isEmpty()) continue;
            total = total.plus(fanOut.deliver(subscribers, PushMessage.of(event, topic, now).toBytes()));
        }
        if (total.failed() > 0 && total.delivered() == 0) {
            throw new PushFailedException("event " + event.id() + " (" + event.type() + "): all " + total.failed()
                + " deliveries failed");
        }
        return total;
    }

    public static final class PushFailedException extends RuntimeException {
        public PushFailedException(String message) { super(message); }
    }
}
