package dev.backplane.devstack.sqs;

import dev.backplane.devstack.Json;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/** Creates the template's AWS::SQS::Queue resources in ElasticMQ, dead-letter queues before the queues using them. */
public final class QueueFactory {
    public static final String QUEUE_TYPE = "AWS::SQS::Queue";
    private static final Map<String, QueueAttributeName> ATTRIBUTES = Map.of(
        "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
        "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
        "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
        "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
        "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
        "FifoQueue", QueueAttributeName.FIFO_QUEUE,
        "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION);
    private static final Set<String> SUPPORTED = Set.of("QueueName", "VisibilityTimeout", "MessageRetentionPeriod",
        "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize", "FifoQueue", "ContentBasedDeduplication",
        "RedrivePolicy",
        // accepted, no local effect: encryption, tags, throughput modes and redrive permissions are AWS-side
        "Tags", "SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "RedriveAllowPolicy",
        "DeduplicationScope", "FifoThroughputLimit");

    private QueueFactory() {}

    /** Fails on queue properties devstack cannot honour (before any server starts). */
    public static void validate(Template template) {
        template.ofType(QUEUE_TYPE).forEach(q -> q.requireOnly(SUPPORTED));
    }

    /** Creates every queue (idempotent: existing queues are kept); returns logical id → queue URL. */
    public static Map<String, String> createAll(SqsClient sqs, Template template, Intrinsics intrinsics) {
        List<Resource> queues = template.ofType(QUEUE_TYPE);
        queues.forEach(q -> q.requireOnly(SUPPORTED));
        Map<String, String> urls = new LinkedHashMap<>();
        for (Resource q : queues) if (q.property("RedrivePolicy") == null) urls.put(q.logicalId(), create(sqs, q, intrinsics));
        for (Resource q : queues) if (q.property("RedrivePolicy") != null) urls.put(q.logicalId(), create(sqs, q, intrinsics));
        return urls;
    }

    private static String create(SqsClient sqs, Resource queue, Intrinsics intrinsics) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        ATTRIBUTES.forEach((property, attribute) -> {
            Object v = queue.property(property);
            if (v != null) attributes.put(attribute, intrinsics.resolveString(v));
        });
        if (queue.property("RedrivePolicy") != null) {
            Object policy = intrinsics.resolve(queue.property("RedrivePolicy"));
            attributes.put(QueueAttributeName.REDRIVE_POLICY, policy instanceof String s ? s : Json.text(policy));
        }
        String name = intrinsics.physicalName(queue.logicalId());
        try {
            return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        } catch (QueueNameExistsException restored) {
            // --persist: the queue came back from disk with older settings; the template is the truth
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            attributes.remove(QueueAttributeName.FIFO_QUEUE);
            sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
            return url;
        }
    }
}
