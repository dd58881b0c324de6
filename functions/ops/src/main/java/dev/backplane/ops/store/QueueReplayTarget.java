package dev.backplane.ops.store;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.json.Json;
import dev.backplane.ops.domain.ReplayTarget;
import dev.backplane.ops.relay.EventBusPublisher;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Replays to one consumer's queue only, in the shape EventBridge delivers (so the consumer cannot tell the
 * difference but for {@code "replay": true}). Batches of 10; entries SQS rejects are handed back.
 */
public final class QueueReplayTarget implements ReplayTarget {
    private final SqsClient sqs;
    private final String queueUrl;

    public QueueReplayTarget(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public List<EventEnvelope> send(List<EventEnvelope> events) {
        List<EventEnvelope> failed = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 10) {
            List<EventEnvelope> chunk = events.subList(i, Math.min(events.size(), i + 10));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = 0; j < chunk.size(); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j)).messageBody(body(chunk.get(j))).build());
            }
            try {
                sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed()
                    .forEach(f -> failed.add(chunk.get(Integer.parseInt(f.id()))));
            } catch (RuntimeException e) {
                failed.addAll(chunk);
            }
        }
        return failed;
    }

    static String body(EventEnvelope e) {
        var event = Json.object().put("version", "0").put("id", e.id()).put("detail-type", e.type()).put("source", e.source())
            .put("time", e.occurredAt().toString());
        event.set("detail", Json.tree(EventBusPublisher.replayDetail(e)));
        return Json.write(event);
    }
}
