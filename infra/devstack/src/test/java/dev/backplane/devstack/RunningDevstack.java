package dev.backplane.devstack;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A devstack on a fixture template (free ports, schedules on demand) with SDK clients a user would build. */
public final class RunningDevstack implements AutoCloseable {
    public final CapturingLog log = new CapturingLog();
    public final Devstack devstack;
    private final List<AutoCloseable> clients = new ArrayList<>();
    /** Session credentials like a function's (DynamoDB Local wants alphanumeric key ids). */
    private static final StaticCredentialsProvider TEST_CREDENTIALS =
        StaticCredentialsProvider.create(AwsSessionCredentials.create("testkey", "testsecret", "testsession"));

    public RunningDevstack(String fixtureTemplate) { this(fixtureTemplate, null); }

    /** With {@code persistDir}: data kept there, as {@code --persist DIR}. */
    public RunningDevstack(String fixtureTemplate, java.nio.file.Path persistDir) {
        this(FixtureJar.template(fixtureTemplate), persistDir);
    }

    /** On any template, e.g. a fixture app's own (src/test/fixtures/APP/template.yaml). */
    public RunningDevstack(java.nio.file.Path template, java.nio.file.Path persistDir) {
        devstack = Devstack.start(DevstackOptions.defaults(template).withPort(0)
            .withScheduleClocks(false).withPersistDir(persistDir).withLog(log));
    }

    public SqsClient sqs() {
        return track(SqsClient.builder().endpointOverride(devstack.endpoint("SQS")).region(Region.US_EAST_1)
            .credentialsProvider(TEST_CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    public DynamoDbClient dynamoDb() {
        return track(DynamoDbClient.builder().endpointOverride(devstack.endpoint("DynamoDB")).region(Region.US_EAST_1)
            .credentialsProvider(TEST_CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    public EventBridgeClient eventBridge() {
        return track(EventBridgeClient.builder().endpointOverride(devstack.endpoint("EventBridge")).region(Region.US_EAST_1)
            .credentialsProvider(TEST_CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    public URI admin(String path) { return URI.create(devstack.urls().get("Admin") + path); }

    /** Receives from a queue until {@code count} messages arrived (deleting them) or fails after {@code max}. */
    public static List<Message> receive(SqsClient sqs, String queueUrl, int count, Duration max) {
        List<Message> got = new ArrayList<>();
        long end = System.nanoTime() + max.toNanos();
        while (got.size() < count && System.nanoTime() < end) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                got.add(m);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        if (got.size() < count) throw new AssertionError("expected " + count + " messages on " + queueUrl + ", got " + got);
        return got;
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing test clients
            }
        }
        devstack.close();
    }
}
