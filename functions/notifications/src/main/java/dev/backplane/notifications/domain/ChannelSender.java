package dev.backplane.notifications.domain;

/** Port: hands one rendered notification to an external channel; throws {@link DeliveryFailed} when it did not arrive. */
public interface ChannelSender {
    void send(DeliveryJob job, Recipient recipient, Webhook webhook);

    final class DeliveryFailed extends RuntimeException {
        public DeliveryFailed(String message) { super(message); }
    }
}
