package dev.backplane.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.store.UnitOfWork;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.core.testing.StreamRecords;
import dev.backplane.devstack.dynamodb.TableFactory;
import dev.backplane.devstack.template.Resource;
import dev.backplane.ops.relay.EventBusPublisher;
import dev.backplane.ops.relay.OutboxItems;
import dev.backplane.ops.relay.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The transactional outbox on LocalStack (for users with Docker): the template's AppTable, a state + outbox
 * transaction, the table stream read by the relay, PutEvents to a bus, a rule to SQS, the event received with its
 * correlation id. Skipped (reported as disabled, "Docker is not available") where there is no Docker, as on CI here.
 * LocalStack images need LOCALSTACK_AUTH_TOKEN since March 2026; it is taken from the environment.
 */
@Testcontainers(disabledWithoutDocker = true)
class OutboxOnLocalStackTest {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
        .withServices("dynamodb", "dynamodbstreams", "sqs", "events")
        .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""));

    @Test
    void outboxEventsReachAnSqsConsumerThroughEventBridge() throws Exception {
        AwsClients aws = new AwsClients(Config.of(Map.of("AWS_REGION", LOCALSTACK.getRegion(),
            "AWS_ACCESS_KEY_ID", LOCALSTACK.getAccessKey(), "AWS_SECRET_ACCESS_KEY", LOCALSTACK.getSecretKey(),
            "AWS_ENDPOINT_URL", LOCALSTACK.getEndpoint().toString())));
        DynamoDbClient dynamo = aws.dynamoDb();
        EventBridgeClient events = aws.client(EventBridgeClient.builder(), "EVENTBRIDGE");
        SqsClient sqs = aws.configure(SqsClient.builder(), "SQS").build();
        DynamoDbStreamsClient streams = aws.configure(DynamoDbStreamsClient.builder(), "DYNAMODB").build();

        Resource appTable = LocalDynamo.template().resource("AppTable");
        Map<String, Object> props = new LinkedHashMap<>(appTable.properties());
        props.put("TableName", "AppTable");
        TableFactory.create(dynamo, new Resource("AppTable", appTable.type(), props));

        events.createEventBus(b -> b.name("backplane-test"));
        String queueUrl = sqs.createQueue(b -> b.queueName("event-store")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name("all-domain-events").eventBusName("backplane-test").eventPattern("{\"source\":[{\"prefix\":\"backplane.\"}]}"));
        events.putTargets(b -> b.rule("all-domain-events").eventBusName("backplane-test").targets(t -> t.id("q").arn(queueArn)));

        UnitOfWork uow = new UnitOfWork("AppTable", "backplane.test", new Trace("corr-localstack-1", "req-1", Actor.SYSTEM), Clock.systemUTC());
        EventEnvelope sent = uow.publish(NewEvent.of("thing.created", new Subject("thing", "t1"), Map.of("n", 1)));
        uow.commit(dynamo);

        var relayed = new OutboxRelay(new EventBusPublisher(events, "backplane-test"), new OutboxItems(dynamo, "AppTable")).relay(StreamRecords.readAll(dynamo, streams, "AppTable"));
        assertTrue(relayed.getBatchItemFailures().isEmpty());

        List<Message> received = List.of();
        for (Instant deadline = Instant.now().plus(Duration.ofSeconds(30)); received.isEmpty() && Instant.now().isBefore(deadline); ) {
            received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2)).messages();
        }
        assertEquals(1, received.size());
        EventEnvelope delivered = dev.backplane.core.batch.EventConsumer.envelopeOf(received.getFirst().body());
        assertEquals(sent.id(), delivered.id());
        assertEquals("corr-localstack-1", delivered.correlationId());
    }
}
