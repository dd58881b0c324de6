package dev.backplane.devstack.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.RunningDevstack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS → Lambda through ElasticMQ with real SDK clients: partial batch failures, redrive to the DLQ, filters, record shape. */
class SqsEventSourceTest {
    static RunningDevstack stack;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        stack = new RunningDevstack("sqs.yaml");
        sqs = stack.sqs();
    }

    @AfterAll
    static void stop() { stack.close(); }

    @Test
    void partialBatchFailureDeletesTheGoodMessagesAndRedrivesThePoisonToTheDlq() throws Exception {
        stack.devstack.lambda().invoke("BatchConsumer", "{\"Records\":[]}".getBytes()); // warm: see the fixture
        String work = stack.devstack.queueUrl("WorkQueue");
        for (String body : List.of("ok-1", "poison-1", "ok-2")) sqs.sendMessage(b -> b.queueUrl(work).messageBody(body));

        List<Message> dead = RunningDevstack.receive(sqs, stack.devstack.queueUrl("WorkDeadLetterQueue"), 1, Duration.ofSeconds(30));
        assertEquals("poison-1", dead.getFirst().body());
        assertEquals(2, stack.log.matching("BatchConsumer", t -> t.startsWith("SEEN") && t.endsWith("poison-1")).size(),
            "maxReceiveCount 2: the poison message was delivered twice before the redrive");
        assertEquals(1, stack.log.matching("BatchConsumer", t -> t.startsWith("SEEN") && t.endsWith(" ok-1")).size(),
            "succeeded messages are deleted, not redelivered");
        awaitEmpty(work, Duration.ofSeconds(5));
    }

    @Test
    void recordsHaveLambdasSqsEventShapeAndFilterCriteriaDropUnwantedMessages() {
        String shapes = stack.devstack.queueUrl("ShapeQueue");
        sqs.sendMessage(b -> b.queueUrl(shapes).messageBody("{\"kind\":\"unwanted\"}"));
        sqs.sendMessage(b -> b.queueUrl(shapes).messageBody("{\"kind\":\"wanted\",\"n\":1}")
            .messageAttributes(java.util.Map.of("tenant", MessageAttributeValue.builder().dataType("String").stringValue("acme").build())));

        var line = stack.log.await("ShapeRecorder", t -> t.startsWith("EVENT"), 1, Duration.ofSeconds(30)).getFirst();
        JsonNode record = Json.parse(line.text().substring("EVENT ".length())).get("Records").get(0);
        assertEquals("{\"kind\":\"wanted\",\"n\":1}", record.get("body").asText());
        assertEquals("aws:sqs", record.get("eventSource").asText());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:ShapeQueue", record.get("eventSourceARN").asText());
        assertEquals("us-east-1", record.get("awsRegion").asText());
        assertEquals("1", record.at("/attributes/ApproximateReceiveCount").asText());
        assertTrue(record.at("/attributes/SentTimestamp").asText().matches("\\d{13}"));
        assertEquals("acme", record.at("/messageAttributes/tenant/stringValue").asText());
        assertEquals("String", record.at("/messageAttributes/tenant/dataType").asText());
        assertTrue(record.get("md5OfBody").asText().matches("[0-9a-f]{32}"));
        assertTrue(record.hasNonNull("messageId") && record.hasNonNull("receiptHandle"));
        // the filtered-out message is deleted, as Lambda does, and never reaches the function
        awaitEmpty(shapes, Duration.ofSeconds(10));
        assertEquals(1, stack.log.matching("ShapeRecorder", t -> t.startsWith("EVENT")).size());
    }

    private static void awaitEmpty(String queueUrl, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            var a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL)).attributes();
            if ("0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))) return;
            if (System.nanoTime() > end) throw new AssertionError("queue not drained: " + a);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
