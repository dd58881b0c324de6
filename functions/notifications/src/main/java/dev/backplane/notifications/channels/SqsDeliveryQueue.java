package dev.backplane.notifications.channels;

import dev.backplane.core.json.Json;
import dev.backplane.notifications.domain.Attempt;
import dev.backplane.notifications.domain.DeliveryJob;
import dev.backplane.notifications.domain.DeliveryQueue;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The delivery queue and its DLQ on SQS; a retry is the next attempt sent with a delay. */
public final class SqsDeliveryQueue implements DeliveryQueue {
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;
    private final String deadLetterUrl;

    public SqsDeliveryQueue(Supplier<SqsClient> sqs, String queueUrl, String deadLetterUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    @Override
    public void send(DeliveryJob job, int delaySeconds) {
        sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(job)).delaySeconds(delaySeconds));
    }

    @Override
    public void deadLetter(DeliveryJob job, List<Attempt> attempts) {
        sqs.get().sendMessage(b -> b.queueUrl(deadLetterUrl).messageBody(Json.write(Map.of("job", job, "attempts", attempts))));
    }
}
