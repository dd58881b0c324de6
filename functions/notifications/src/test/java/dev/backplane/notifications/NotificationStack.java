package dev.backplane.notifications;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.sun.net.httpserver.HttpServer;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.devstack.LocalClients;
import dev.backplane.devstack.mail.MailCatcher;
import dev.backplane.devstack.sqs.ElasticMq;
import dev.backplane.notifications.domain.UrlGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The notifications functions on real local services: DynamoDB Local, ElasticMQ (delivery queue + DLQ), devstack's
 * mail catcher (SES v2) and a local HTTP server standing in for a user's webhook endpoint.
 */
public final class NotificationStack implements AutoCloseable {
    record Received(String path, String signature, String body) {}

    final String table = LocalDynamo.newAppTable();
    final ElasticMq sqsServer = ElasticMq.start(dev.backplane.devstack.dynamodb.DynamoDbLocal.freePort(), "us-east-1", "000000000000", null);
    final SqsClient sqs = LocalClients.sqs(sqsServer.endpoint(), "us-east-1");
    final String queue = sqs.createQueue(b -> b.queueName("deliveries")).queueUrl();
    final String dlq = sqs.createQueue(b -> b.queueName("deliveries-dlq")).queueUrl();
    final MailCatcher mail = MailCatcher.start(0);
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger webhookStatus = new AtomicInteger(204);
    final HttpServer endpoint;
    final FunctionHarness functions;

    public NotificationStack(boolean allowLoopback) { this(allowLoopback, UrlGuard.SYSTEM_DNS); }

    /** With {@code resolver} answering the SSRF guard's DNS questions, at registration and before every delivery. */
    public NotificationStack(boolean allowLoopback, UrlGuard.Resolver resolver) {
        try {
            endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoint.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Backplane-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                if (exchange.getRequestURI().getPath().equals("/redirect")) exchange.getResponseHeaders().set("location", "http://169.254.169.254/");
                int status = exchange.getRequestURI().getPath().equals("/redirect") ? 302 : webhookStatus.get();
                exchange.sendResponseHeaders(status, -1);
            }
        });
        endpoint.start();
        Map<String, String> env = new LinkedHashMap<>(LocalDynamo.environment(table));
        env.put("AWS_ENDPOINT_URL_SQS", sqsServer.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", mail.url());
        env.put("DELIVERY_QUEUE_URL", queue);
        env.put("DELIVERY_DLQ_URL", dlq);
        env.put("DELIVERY_RETRY_BASE_SECONDS", "0");
        env.put("DELIVERY_MAX_ATTEMPTS", "3");
        env.put("WEBHOOKS_ALLOW_LOOPBACK_HTTP", Boolean.toString(allowLoopback));
        functions = new FunctionHarness(new NotificationsFunctions(Config.of(env), resolver));
    }

    public String hookUrl(String path) { return "http://127.0.0.1:" + endpoint.getAddress().getPort() + path; }

    public SQSBatchResponse notify(String sqsDelivery) { return functions.invoke("notifyOnEvents", SQSEvent.class, sqsDelivery); }

    /** Runs the delivery function on what is in the delivery queue now, as the event source mapping would. */
    public int drain() {
        int handled = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) return handled;
            ObjectNode event = Json.object();
            ArrayNode records = event.putArray("Records");
            for (Message m : messages) {
                records.addObject().put("messageId", m.messageId()).put("receiptHandle", m.receiptHandle()).put("body", m.body())
                    .put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:deliveries");
            }
            SQSBatchResponse response = functions.invoke("deliverNotifications", SQSEvent.class, Json.write(event));
            if (!response.getBatchItemFailures().isEmpty()) throw new AssertionError("delivery failures: " + response.getBatchItemFailures());
            messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())));
            handled += messages.size();
        }
    }

    List<JsonNode> deadLetters() {
        List<JsonNode> out = new ArrayList<>();
        sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().forEach(m -> out.add(Json.tree(m.body())));
        return out;
    }

    public APIGatewayV2HTTPResponse call(String function, String sample, String userId, String pathId, Object body) {
        return call(function, sample, userId, pathId, body, null);
    }

    public APIGatewayV2HTTPResponse call(String function, String sample, String userId, String pathId, Object body, Map<String, String> query) {
        ObjectNode event = (ObjectNode) Json.tree(FunctionHarness.event(sample));
        if (query != null) {
            ObjectNode params = event.putObject("queryStringParameters");
            query.forEach(params::put);
            event.remove("rawQueryString");
        }
        if (userId != null) ((ObjectNode) event.at("/requestContext/authorizer/jwt/claims")).put("sub", userId);
        if (pathId != null) event.putObject("pathParameters").put("id", pathId);
        if (body != null) event.put("body", Json.write(body));
        ((ObjectNode) event.get("headers")).remove("idempotency-key");
        return functions.invoke(function, APIGatewayV2HTTPEvent.class, Json.write(event));
    }

    /** A sample SQS delivery with this event id and data fields. */
    public static String delivery(String sample, String eventId, Map<String, Object> data) {
        ObjectNode sqs = (ObjectNode) Json.tree(FunctionHarness.event(sample));
        ObjectNode record = (ObjectNode) sqs.get("Records").get(0);
        ObjectNode body = (ObjectNode) Json.tree(record.get("body").asString());
        ObjectNode detail = (ObjectNode) body.get("detail");
        detail.put("id", eventId);
        ObjectNode d = (ObjectNode) detail.get("data");
        data.forEach((k, v) -> d.set(k, Json.toTree(v)));
        record.put("body", Json.write(body)).put("messageId", UUID.randomUUID().toString());
        return Json.write(sqs);
    }

    public List<JsonNode> outbox(String type) {
        return LocalDynamo.client().scanPaginator(b -> b.tableName(table).filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", Items.s("OUTBOX#")))).items().stream()
            .map(i -> Json.tree(i.get("event").s())).filter(e -> e.get("type").asString().equals(type)).toList();
    }

    @Override
    public void close() {
        functions.close();
        endpoint.stop(0);
        mail.close();
        sqs.close();
        sqsServer.close();
    }
}
