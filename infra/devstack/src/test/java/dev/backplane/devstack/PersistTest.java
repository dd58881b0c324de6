package dev.backplane.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** --persist DIR: DynamoDB items, SQS messages and stream positions survive a restart of devstack. */
class PersistTest {
    static void note(RunningDevstack stack, String pk) {
        stack.dynamoDb().putItem(b -> b.tableName("fixture-notes").item(Map.of("pk", AttributeValue.fromS(pk), "text", AttributeValue.fromS("kept"))));
    }

    @Test
    void itemsMessagesAndStreamPositionsSurviveARestart(@TempDir Path dir) {
        try (RunningDevstack first = new RunningDevstack("persist.yaml", dir)) {
            note(first, "n-1");
            first.sqs().sendMessage(b -> b.queueUrl(first.devstack.queueUrl("Inbox")).messageBody("still here"));
            first.log.await("NoteRecorder", t -> t.startsWith("EVENT") && t.contains("n-1"), 1, Duration.ofSeconds(30));
        }
        try (RunningDevstack second = new RunningDevstack("persist.yaml", dir)) {
            var item = second.dynamoDb().getItem(b -> b.tableName("fixture-notes").key(Map.of("pk", AttributeValue.fromS("n-1")))).item();
            assertEquals("kept", item.get("text").s());
            var messages = RunningDevstack.receive(second.sqs(), second.devstack.queueUrl("Inbox"), 1, Duration.ofSeconds(5));
            assertEquals("still here", messages.getFirst().body());
            note(second, "n-2");
            second.log.await("NoteRecorder", t -> t.startsWith("EVENT") && t.contains("n-2"), 1, Duration.ofSeconds(30));
            assertEquals(0, second.log.matching("NoteRecorder", t -> t.contains("n-1")).size(),
                "the stream mapping continues after its checkpoint instead of replaying the stream");
        }
    }
}
