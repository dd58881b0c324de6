package dev.backplane.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** --persist DIR: DynamoDB items and SQS messages survive a restart of devstack. */
class PersistTest {
    @Test
    void itemsAndMessagesSurviveARestart(@TempDir Path dir) {
        try (RunningDevstack first = new RunningDevstack("persist.yaml", dir)) {
            first.dynamoDb().putItem(b -> b.tableName("fixture-notes").item(Map.of("pk", AttributeValue.fromS("n-1"), "text", AttributeValue.fromS("kept"))));
            first.sqs().sendMessage(b -> b.queueUrl(first.devstack.queueUrl("Inbox")).messageBody("still here"));
        }
        try (RunningDevstack second = new RunningDevstack("persist.yaml", dir)) {
            var item = second.dynamoDb().getItem(b -> b.tableName("fixture-notes").key(Map.of("pk", AttributeValue.fromS("n-1")))).item();
            assertEquals("kept", item.get("text").s());
            var messages = RunningDevstack.receive(second.sqs(), second.devstack.queueUrl("Inbox"), 1, Duration.ofSeconds(5));
            assertEquals("still here", messages.getFirst().body());
        }
    }
}
