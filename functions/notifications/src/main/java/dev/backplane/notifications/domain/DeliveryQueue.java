package dev.backplane.notifications.domain;

import java.util.List;

/** Port: the delivery queue (retries with a delay) and its dead-letter queue (with the attempt history). */
public interface DeliveryQueue {
    void send(DeliveryJob job, int delaySeconds);

    void deadLetter(DeliveryJob job, List<Attempt> attempts);
}
