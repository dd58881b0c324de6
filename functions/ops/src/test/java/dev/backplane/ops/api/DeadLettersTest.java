package dev.backplane.ops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.devstack.LocalClients;
import dev.backplane.devstack.sqs.ElasticMq;
import dev.backplane.ops.OpsFunctions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A poison message fails its consumer until SQS moves it to the dead-letter queue (ElasticMQ, real redrive policy);
 * the admin API shows it without consuming it, sends it back to its queue exactly once, and deletes only when the
 * queue name is repeated; every action leaves an audited ops event in the outbox.
 */
class DeadLettersTest {
    private static ElasticMq elasticMq;
    private static SqsClient sqs;
    private final String table = LocalDynamo.newAppTable();
    private final String source;
    private final String dlq;
    private final FunctionHarness functions;

    @BeforeAll
    static void startSqs() {
        elasticMq = ElasticMq.start(freePort(), "us-east-1", "000000000000", null);
        sqs = LocalClients.sqs(elasticMq.endpoint(), "us-east-1");
    }

    @AfterAll
    static void stopSqs() { elasticMq.close(); }

    DeadLettersTest() {
        String suffix = Long.toString(System.nanoTime());
        dlq = sqs.createQueue(b -> b.queueName("saga-dlq-" + suffix)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        source = sqs.createQueue(b -> b.queueName("saga-" + suffix).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
            "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}", QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
        String relay = sqs.createQueue(b -> b.queueName("relay-dlq-" + suffix)).queueUrl();
        Map<String, String> env = new HashMap<>(LocalDynamo.environment(table));
        env.put("AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString());
        env.put("DEAD_LETTER_QUEUES", "order-saga=" + dlq + ">" + source + ";relay=" + relay + ";gone=" + dlq + "-deleted");
        functions = new FunctionHarness(new OpsFunctions(Config.of(env)));
    }

    @AfterEach
    void close() { functions.close(); }

    @Test
    void poisonMessageIsVisibleRedrivenOnceAndAudited() throws Exception {
        String messageId = poison("{\"detail-type\":\"payment.succeeded\",\"detail\":{\"id\":\"evt-1\"}}");

        JsonNode queues = call("ListDeadLetterQueuesFunction/list-dlq_admin.json", e -> {}, 200).get("queues");
        JsonNode saga = queues.valueStream().filter(q -> q.get("name").asString().equals("order-saga")).findFirst().orElseThrow();
        assertEquals(1, saga.get("depth").asInt());
        assertTrue(saga.get("redrivable").asBoolean());
        JsonNode gone = queues.valueStream().filter(q -> q.get("name").asString().equals("gone")).findFirst().orElseThrow();
        assertEquals(-1, gone.get("depth").asInt(), "an unreadable queue is reported, not a 500");

        for (int i = 0; i < 2; i++) { // peeking twice shows the same message: nothing is consumed
            JsonNode messages = call("PeekDeadLettersFunction/peek-dlq_admin.json", e -> {}, 200).get("messages");
            assertEquals(1, messages.size());
            assertEquals(messageId, messages.get(0).get("messageId").asString());
            assertTrue(messages.get(0).get("body").asString().contains("evt-1"));
            assertTrue(messages.get(0).has("firstSeen") && messages.get(0).get("receiveCount").asInt() >= 1);
        }

        JsonNode redriven = call("RedriveDeadLettersFunction/redrive-dlq_all.json",
            e -> e.put("body", "{\"messageIds\":[\"" + messageId + "\"]}"), 202);
        assertEquals(1, redriven.get("moved").asInt());
        List<Message> back = sqs.receiveMessage(b -> b.queueUrl(source).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertEquals(1, back.size(), "back in its queue once");
        assertTrue(back.getFirst().body().contains("evt-1"));
        assertEquals(0, depth(dlq));
        assertEquals(List.of("ops.dlq_redriven"), auditedTypes());
    }

    @Test
    void redriveOfEverythingEmptiesTheQueueBackIntoItsSource() {
        poison("{\"n\":1}");
        poison("{\"n\":2}");
        call("RedriveDeadLettersFunction/redrive-dlq_all.json", e -> {}, 202);
        for (int i = 0; i < 50 && depth(source) < 2; i++) pause(100); // a move task runs in the background
        assertEquals(2, depth(source));
        assertEquals(0, depth(dlq));
    }

    @Test
    void deletingNeedsTheQueueNameAsConfirmation() {
        poison("{\"n\":1}");
        JsonNode problem = call("DeleteDeadLettersFunction/delete-dlq_unconfirmed.json", e -> {}, 422);
        assertTrue(problem.toString().contains("confirm"), problem.toString());
        assertEquals(1, depth(dlq));

        JsonNode deleted = call("DeleteDeadLettersFunction/delete-dlq_unconfirmed.json",
            e -> e.set("queryStringParameters", Json.object().put("confirm", "order-saga")), 200);
        assertEquals(1, deleted.get("deleted").asInt());
        assertEquals(0, depth(dlq));
        assertEquals(List.of("ops.dlq_purged"), auditedTypes());
    }

    @Test
    void theRelaysFailureRecordsCannotBeRedrivenAndUnknownQueuesAre404() {
        call("RedriveDeadLettersFunction/redrive-dlq_all.json", e -> {
            e.set("pathParameters", Json.object().put("queue", "relay"));
        }, 409);
        call("PeekDeadLettersFunction/peek-dlq_admin.json", e -> e.set("pathParameters", Json.object().put("queue", "nope")), 404);
    }

    @Test
    void nonAdminsAreForbidden() {
        call("ListDeadLetterQueuesFunction/list-dlq_admin.json",
            e -> ((ObjectNode) e.at("/requestContext/authorizer/jwt/claims")).put("groups", "[user]").put("sub", "user-bob"), 403);
    }

    /** Sends a message its consumer cannot handle: received and never deleted until SQS dead-letters it. */
    private String poison(String body) {
        String id = sqs.sendMessage(b -> b.queueUrl(source).messageBody(body)).messageId();
        for (int i = 0; i < 100 && !inDlq(id); i++) {
            sqs.receiveMessage(b -> b.queueUrl(source).maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(0));
            pause(50);
        }
        return id;
    }

    private boolean inDlq(String id) {
        return sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)).messages().stream()
            .anyMatch(m -> m.messageId().equals(id));
    }

    private JsonNode call(String sample, java.util.function.Consumer<ObjectNode> edit, int status) {
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event(sample));
        edit.accept(event);
        String function = sample.substring(0, sample.indexOf('/'));
        String bean = Character.toLowerCase(function.charAt(0)) + function.substring(1, function.length() - "Function".length());
        APIGatewayV2HTTPResponse r = functions.invoke(bean, APIGatewayV2HTTPEvent.class, Json.write(event));
        assertEquals(status, r.getStatusCode(), r.getBody());
        return Json.tree(r.getBody());
    }

    private List<String> auditedTypes() {
        return LocalDynamo.client().scan(b -> b.tableName(table)).items().stream()
            .filter(i -> Items.str(i, "pk").startsWith("OUTBOX#")).map(i -> Items.str(i, "eventType")).toList();
    }

    private static int depth(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
