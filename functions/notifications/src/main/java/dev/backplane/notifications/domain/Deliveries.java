package dev.backplane.notifications.domain;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one job to its channel, at most once per delivery key: the job claims the next attempt on the delivery
 * record first (a duplicate or stale message claims nothing). A failure is retried with exponential backoff
 * ({@code baseDelay × 2^attempt}, at most 15 minutes, the SQS limit) up to {@code maxAttempts}; then the delivery
 * is failed, {@code notification.failed} emitted and the job parked in the DLQ with its attempt history.
 */
public final class Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final int MAX_DELAY = 900;
    private final NotificationStore store;
    private final DeliveryQueue queue;
    private final Map<Channel, ChannelSender> senders;
    private final Clock clock;
    private final int maxAttempts;
    private final int baseDelaySeconds;

    public Deliveries(NotificationStore store, DeliveryQueue queue, Map<Channel, ChannelSender> senders, Clock clock,
                      int maxAttempts, int baseDelaySeconds) {
        this.store = store;
        this.queue = queue;
        this.senders = senders;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.baseDelaySeconds = baseDelaySeconds;
    }

    public void deliver(DeliveryJob job) {
        NotificationStore.Delivery record = store.delivery(job.key(), job.userId(), job.channel());
        if (!"pending".equals(record.status()) || record.attempt() != job.attempt() || !store.claim(job.key(), job.attempt())) {
            LOG.info("delivery {} already {} (attempt {}): duplicate job dropped", job.key(), record.status(), record.attempt());
            return;
        }
        int number = job.attempt() + 1;
        Trace trace = new Trace(job.correlationId() == null ? Trace.mintId() : job.correlationId(), job.eventId(), Actor.SYSTEM);
        Channel channel = Channel.of(job.channel()).orElseThrow();
        String error = null;
        try {
            Recipient recipient = store.recipient(job.userId()).orElse(new Recipient(job.userId(), null, List.of()));
            Webhook webhook = job.webhookId() == null ? null
                : store.webhooks(job.userId()).stream().filter(w -> w.id().equals(job.webhookId())).findFirst().orElse(null);
            if (channel.external() && channel != Channel.EMAIL && webhook == null) {
                store.recordAttempt(job.key(), new Attempt(number, "skipped", "webhook was deleted", clock.instant()), "failed",
                    NotificationEvents.failed(job, number, "webhook was deleted"), trace);
                return;
            }
            senders.get(channel).send(job, recipient, webhook);
        } catch (ChannelSender.DeliveryFailed | dev.backplane.core.error.ValidationException e) {
            error = e.getMessage();
        }
        if (error == null) {
            store.recordAttempt(job.key(), new Attempt(number, "delivered", null, clock.instant()), "delivered",
                NotificationEvents.delivered(job, number), trace);
            return;
        }
        Attempt failed = new Attempt(number, "failed", error, clock.instant());
        if (number < maxAttempts) {
            store.recordAttempt(job.key(), failed, null, null, trace);
            queue.send(job.next(), (int) Math.min(MAX_DELAY, (long) baseDelaySeconds << job.attempt()));
            return;
        }
        store.recordAttempt(job.key(), failed, "failed", NotificationEvents.failed(job, number, error), trace);
        List<Attempt> history = new ArrayList<>(store.delivery(job.key(), job.userId(), job.channel()).attempts());
        queue.deadLetter(job.next(), history);
        LOG.warn("delivery {} failed after {} attempts: parked in the DLQ", job.key(), number);
    }
}
