package dev.backplane.devstack.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.CapturingLog;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.RunningDevstack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB stream → Lambda: exact record shape, FilterCriteria, partial failures with checkpoint, retries, OnFailure. */
class StreamEventSourceTest {
    static RunningDevstack stack;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        stack = new RunningDevstack("streams.yaml");
        dynamo = stack.dynamoDb();
    }

    @AfterAll
    static void stop() { stack.close(); }

    static void put(String pk, String note) {
        dynamo.putItem(b -> b.tableName("fixture-items").item(Map.of("pk", AttributeValue.fromS(pk), "note", AttributeValue.fromS(note),
            "n", AttributeValue.fromN("42"))));
    }

    @Test
    void filteredBatchesCheckpointAtTheFailedRecordThenGoToTheOnFailureQueue() {
        put("ITEM#1", "fine");
        put("OTHER#1", "not for the consumer");
        put("ITEM#2", "poison");
        put("ITEM#3", "fine");

        var failures = RunningDevstack.receive(stack.sqs(), stack.devstack.queueUrl("StreamFailures"), 1, Duration.ofSeconds(40));
        JsonNode failure = Json.parse(failures.getFirst().body());
        assertEquals("RetryAttemptsExhausted", failure.at("/requestContext/condition").asText());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:StreamConsumer", failure.at("/requestContext/functionArn").asText());
        assertEquals(2, failure.at("/requestContext/approximateInvokeCount").asInt(), "first try + MaximumRetryAttempts 1");
        JsonNode info = failure.get("DDBStreamBatchInfo");
        assertTrue(info.get("streamArn").asText().startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/fixture-items/stream/"));

        List<CapturingLog.Line> seen = stack.log.matching("StreamConsumer", t -> t.startsWith("SEEN"));
        String poisonSeq = seen.stream().filter(l -> l.text().contains("poison")).findFirst().orElseThrow().text().split(" ")[1];
        assertEquals(poisonSeq, info.get("startSequenceNumber").asText(), "checkpoint = the lowest failed sequence number");
        assertEquals(1, seen.stream().filter(l -> l.text().contains("ITEM#1")).count(), "records before the failure are not redelivered");
        assertEquals(0, seen.stream().filter(l -> l.text().contains("OTHER#1")).count(), "FilterCriteria drop non-matching records");
        assertTrue(seen.stream().filter(l -> l.text().contains("poison")).count() >= 2, "the failed record was retried");
    }

    @Test
    void recordsHaveLambdasDynamodbEventShape() {
        put("SHAPE#1", "first");
        dynamo.updateItem(b -> b.tableName("fixture-items").key(Map.of("pk", AttributeValue.fromS("SHAPE#1")))
            .updateExpression("SET note = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromS("second"))));

        var lines = stack.log.await("StreamRecorder", t -> t.startsWith("EVENT") && t.contains("SHAPE#1") && t.contains("MODIFY"), 1, Duration.ofSeconds(30));
        JsonNode record = Json.parse(lines.getFirst().text().substring("EVENT ".length())).get("Records").get(0);
        assertEquals("MODIFY", record.get("eventName").asText());
        assertEquals("1.1", record.get("eventVersion").asText());
        assertEquals("aws:dynamodb", record.get("eventSource").asText());
        assertEquals("us-east-1", record.get("awsRegion").asText());
        assertTrue(record.hasNonNull("eventID"));
        JsonNode d = record.get("dynamodb");
        assertEquals("SHAPE#1", d.at("/Keys/pk/S").asText());
        assertEquals("second", d.at("/NewImage/note/S").asText());
        assertEquals("first", d.at("/OldImage/note/S").asText());
        assertEquals("42", d.at("/NewImage/n/N").asText(), "numbers stay DynamoDB JSON strings");
        assertEquals("NEW_AND_OLD_IMAGES", d.get("StreamViewType").asText());
        assertTrue(d.get("SequenceNumber").isTextual() && d.get("SizeBytes").isNumber());
        assertTrue(d.get("ApproximateCreationDateTime").isNumber());
        assertTrue(record.get("eventSourceARN").asText().startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/fixture-items/stream/"));
    }
}
