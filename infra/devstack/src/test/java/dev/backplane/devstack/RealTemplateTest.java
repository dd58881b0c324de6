package dev.backplane.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.schedule.Schedule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** devstack accepts the project's own template.yaml: every resource, event and property is supported or accepted. */
class RealTemplateTest {
    @Test
    void startsOnTheProjectTemplateWithItsTablesQueuesAndFunctions() {
        Path template = Path.of("../../template.yaml").toAbsolutePath().normalize();
        CapturingLog log = new CapturingLog();
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults(template).withPort(0).withScheduleClocks(false).withLog(log))) {
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("real", "template"));
            try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(devstack.endpoint("DynamoDB")).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
                 SqsClient sqs = SqsClient.builder().endpointOverride(devstack.endpoint("SQS")).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
                var table = dynamo.describeTable(b -> b.tableName("AppTable")).table();
                assertTrue(table.streamSpecification().streamEnabled(), "the outbox relay needs the table stream");
                String redrive = sqs.getQueueAttributes(b -> b.queueUrl(devstack.queueUrl("EventStoreQueue"))
                    .attributeNamesWithStrings("RedrivePolicy")).attributesAsStrings().get("RedrivePolicy");
                assertTrue(redrive.contains("EventStoreDeadLetterQueue") && redrive.contains("5"), redrive);
            }
            assertTrue(devstack.lambda().functionIds().contains("OutboxRelayFunction"));
            assertEquals(0, devstack.lambda().instances("OutboxRelayFunction"), "functions start lazily");
            assertTrue(devstack.eventRouter().rules().stream().anyMatch(r -> r.busName().equals("backplane-dev")));
            assertTrue(devstack.urls().containsKey("HTTP API"));
            assertTrue(devstack.startupMillis() > 0);
            System.out.println("real template: devstack started in " + devstack.startupMillis() + " ms; schedules "
                + devstack.scheduler().schedules().stream().map(Schedule::id).toList());
        }
    }
}
