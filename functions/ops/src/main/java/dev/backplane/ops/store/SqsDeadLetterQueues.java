package dev.backplane.ops.store;

import dev.backplane.core.error.NotFoundException;
import dev.backplane.ops.domain.DeadLetterQueues;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The dead-letter queues on SQS, configured as {@code name=dlqUrl>sourceUrl;…} ({@code DEAD_LETTER_QUEUES}; a queue
 * without {@code >sourceUrl}, like the relay's failure destination, can be read and emptied but not redriven).
 * A redrive of everything starts an SQS message move task; where SQS does not offer one (or for selected messages)
 * messages are moved one by one: sent to the source, then deleted here (a crash between the two duplicates a
 * message, which consumers absorb by event id — never loses one).
 */
public final class SqsDeadLetterQueues implements DeadLetterQueues {
    private static final Logger LOG = LoggerFactory.getLogger(SqsDeadLetterQueues.class);
    /** Receives per call; a peek or selective redrive stops after this many empty or full passes. */
    private static final int MAX_PASSES = 20;
    private static final int HOLD_SECONDS = 30;

    private record Queue(String dlqUrl, String sourceUrl) {}

    private final SqsClient sqs;
    private final Map<String, Queue> queues;
    private final Clock clock;

    public SqsDeadLetterQueues(SqsClient sqs, String config, Clock clock) {
        this.sqs = sqs;
        this.queues = parse(config);
        this.clock = clock;
    }

    static Map<String, Queue> parse(String config) {
        Map<String, Queue> out = new LinkedHashMap<>();
        if (config == null || config.isBlank()) return out;
        for (String entry : config.split(";")) {
            String e = entry.strip();
            if (e.isEmpty()) continue;
            int eq = e.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("DEAD_LETTER_QUEUES entry must be name=dlqUrl[>sourceUrl]: " + e);
            String[] urls = e.substring(eq + 1).split(">", 2);
            out.put(e.substring(0, eq).strip(), new Queue(urls[0].strip(), urls.length > 1 ? urls[1].strip() : null));
        }
        return out;
    }

    /** Consumer queue URL by name (the queues the dead-letter queues feed back into): replay targets. */
    public static Map<String, String> sourceQueues(String config) {
        Map<String, String> out = new LinkedHashMap<>();
        parse(config).forEach((name, q) -> {
            if (q.sourceUrl() != null) out.put(name, q.sourceUrl());
        });
        return out;
    }

    @Override
    public boolean exists(String queue) { return queues.containsKey(queue); }

    @Override
    public boolean redrivable(String queue) { return exists(queue) && queues.get(queue).sourceUrl() != null; }

    @Override
    public List<QueueStatus> list() {
        List<QueueStatus> out = new ArrayList<>();
        queues.forEach((name, q) -> {
            try {
                long depth = Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(q.dlqUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
                long oldest = depth == 0 ? 0 : peek(name, 10).stream().map(DeadLetter::firstSeen).filter(java.util.Objects::nonNull)
                    .mapToLong(t -> Math.max(0, clock.instant().getEpochSecond() - t.getEpochSecond())).max().orElse(0);
                out.add(new QueueStatus(name, depth, oldest, q.sourceUrl() != null, null));
            } catch (SqsException e) {
                LOG.warn("dead-letter queue {} cannot be read: {}", name, e.getMessage());
                out.add(new QueueStatus(name, -1, -1, q.sourceUrl() != null, e.awsErrorDetails() == null ? "unreadable" : e.awsErrorDetails().errorCode()));
            }
        });
        return out;
    }

    @Override
    public List<DeadLetter> peek(String queue, int max) {
        Queue q = queue(queue);
        Map<String, DeadLetter> seen = new LinkedHashMap<>();
        for (int pass = 0; pass < MAX_PASSES && seen.size() < max; pass++) {
            // visibility 0: the messages stay available; nothing is consumed
            List<Message> batch = receive(q.dlqUrl(), Math.min(10, max - seen.size()), 0);
            if (batch.isEmpty()) break;
            int before = seen.size();
            batch.forEach(m -> seen.putIfAbsent(m.messageId(), deadLetter(m)));
            if (seen.size() == before) break; // the same messages again: that is all of them
        }
        return List.copyOf(seen.values());
    }

    @Override
    public Redrive redrive(String queue, List<String> messageIds) {
        Queue q = queue(queue);
        if (q.sourceUrl() == null) throw new IllegalStateException(queue + " has no source queue");
        if (messageIds.isEmpty()) {
            try {
                String handle = sqs.startMessageMoveTask(b -> b.sourceArn(arn(q.dlqUrl())).destinationArn(arn(q.sourceUrl()))).taskHandle();
                return new Redrive(queue, 0, 0, handle);
            } catch (SqsException | UnsupportedOperationException e) {
                LOG.info("no message move task for {} ({}); moving messages one by one", queue, e.getMessage());
            }
        }
        Set<String> wanted = new HashSet<>(messageIds);
        int[] moved = {0};
        forEachMessage(q.dlqUrl(), wanted, m -> {
            sqs.sendMessage(b -> b.queueUrl(q.sourceUrl()).messageBody(m.body()));
            sqs.deleteMessage(b -> b.queueUrl(q.dlqUrl()).receiptHandle(m.receiptHandle()));
            moved[0]++;
        });
        return new Redrive(queue, moved[0], messageIds.isEmpty() ? 0 : messageIds.size() - moved[0], null);
    }

    @Override
    public int delete(String queue, List<String> messageIds) {
        Queue q = queue(queue);
        int[] deleted = {0};
        forEachMessage(q.dlqUrl(), new HashSet<>(messageIds), m -> {
            sqs.deleteMessage(b -> b.queueUrl(q.dlqUrl()).receiptHandle(m.receiptHandle()));
            deleted[0]++;
        });
        return deleted[0];
    }

    /** Receives (held for a while) and hands over the wanted messages (all when empty); the others become visible again. */
    private void forEachMessage(String url, Set<String> wanted, java.util.function.Consumer<Message> action) {
        Set<String> done = new HashSet<>();
        for (int pass = 0; pass < MAX_PASSES * 5; pass++) {
            if (!wanted.isEmpty() && done.containsAll(wanted)) return;
            List<Message> batch = receive(url, 10, HOLD_SECONDS);
            if (batch.isEmpty()) return;
            for (Message m : batch) {
                if (wanted.isEmpty() || wanted.contains(m.messageId())) {
                    action.accept(m);
                    done.add(m.messageId());
                } else {
                    sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                }
            }
        }
    }

    private List<Message> receive(String url, int max, int visibilitySeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max).visibilityTimeout(visibilitySeconds).waitTimeSeconds(0)
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
    }

    private DeadLetter deadLetter(Message m) {
        Map<String, String> attributes = new LinkedHashMap<>();
        m.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
        var system = m.attributes();
        int receives = Integer.parseInt(system.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0"));
        String sent = system.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return new DeadLetter(m.messageId(), m.body(), attributes, receives, sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)));
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private Queue queue(String name) {
        Queue q = queues.get(name);
        if (q == null) throw new NotFoundException("dead-letter queue", name);
        return q;
    }
}
