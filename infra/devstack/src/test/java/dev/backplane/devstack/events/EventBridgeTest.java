package dev.backplane.devstack.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.RunningDevstack;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/** PutEvents through the AWS SDK v2 EventBridge client; rules matched by event-ruler deliver to SQS and Lambda. */
class EventBridgeTest {
    static RunningDevstack stack;
    static EventBridgeClient events;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        stack = new RunningDevstack("events.yaml");
        events = stack.eventBridge();
        sqs = stack.sqs();
    }

    @AfterAll
    static void stop() { stack.close(); }

    static PutEventsRequestEntry entry(String source, String type, String detail) {
        return PutEventsRequestEntry.builder().eventBusName("fixture-bus").source(source).detailType(type).detail(detail).build();
    }

    @Test
    void matchingEventsReachQueuesAsEventBridgeDeliversThemWithPerEntryResults() {
        PutEventsResponse response = events.putEvents(b -> b.entries(
            entry("app.orders", "order.placed", "{\"orderId\":\"o-1\",\"amount\":250}"),
            entry("app.orders", "order.placed", "{\"orderId\":\"o-2\",\"amount\":5}"),
            entry("app.orders", "order.placed", "not json"),
            PutEventsRequestEntry.builder().eventBusName("no-such-bus").source("app.x").detailType("t").detail("{}").build()));

        assertEquals(2, response.failedEntryCount());
        assertNotNull(response.entries().get(0).eventId());
        assertNull(response.entries().get(0).errorCode());
        assertEquals("MalformedDetail", response.entries().get(2).errorCode());
        assertEquals("ResourceNotFoundException", response.entries().get(3).errorCode());

        var big = RunningDevstack.receive(sqs, stack.devstack.queueUrl("BigOrdersQueue"), 1, Duration.ofSeconds(10));
        JsonNode event = Json.parse(big.getFirst().body());
        assertEquals(List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"),
            fieldNames(event), "EventBridge's field order");
        assertEquals("0", event.get("version").asText());
        assertEquals(response.entries().get(0).eventId(), event.get("id").asText());
        assertEquals("order.placed", event.get("detail-type").asText());
        assertEquals("000000000000", event.get("account").asText());
        assertTrue(event.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertEquals("o-1", event.at("/detail/orderId").asText());

        var summary = RunningDevstack.receive(sqs, stack.devstack.queueUrl("SummaryQueue"), 1, Duration.ofSeconds(10));
        JsonNode transformed = Json.parse(summary.getFirst().body());
        assertEquals("o-1", transformed.get("order").asText());
        assertEquals(250, transformed.get("amount").asInt(), "numbers keep their JSON type in InputTemplate");
        assertTrue(transformed.get("rule").asText().startsWith("BigOrdersRule"));

        String fifo = stack.devstack.queueUrl("OrderedQueue");
        assertTrue(fifo.endsWith("/OrderedQueue.fifo"), "a FIFO queue without QueueName gets the .fifo suffix: " + fifo);
        var ordered = RunningDevstack.receive(sqs, fifo, 1, Duration.ofSeconds(10));
        assertEquals("o-1", Json.parse(ordered.getFirst().body()).at("/detail/orderId").asText());

        // both order.placed events reach the Lambda target (async invoke), the 5-amount one included
        var invoked = stack.log.await("PlacedRecorder", t -> t.startsWith("EVENT"), 2, Duration.ofSeconds(30));
        JsonNode lambdaEvent = Json.parse(invoked.getFirst().text().substring("EVENT ".length()));
        assertEquals("app.orders", lambdaEvent.get("source").asText());
        assertEquals("us-east-1", lambdaEvent.get("region").asText());
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(stack.devstack.queueUrl("BigOrdersQueue")).waitTimeSeconds(1)).messages().size(),
            "amount 5 does not match numeric > 100");
    }

    @Test
    void aCallsEventsReachEachTargetInEntryOrderEvenWhenTheyFillMoreThanOneBatch() {
        // ten details of 26,000 bytes: within PutEvents' 256 KiB, but as delivered events over SQS's batch limit
        String padding = "x".repeat(26_000 - 40);
        var entries = java.util.stream.IntStream.range(0, 10)
            .mapToObj(i -> entry("app.batch", "order.batched", "{\"orderId\":\"b-" + i + "\",\"amount\":" + (500 + i) + ",\"pad\":\"" + padding + "\"}"))
            .toList();
        assertEquals(0, events.putEvents(b -> b.entries(entries)).failedEntryCount());

        List<String> expected = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "b-" + i).toList();
        var ordered = RunningDevstack.receive(sqs, stack.devstack.queueUrl("OrderedQueue"), 10, Duration.ofSeconds(20));
        assertEquals(expected, ordered.stream().map(m -> Json.parse(m.body()).at("/detail/orderId").asText()).toList(), "FIFO order kept");
        var big = RunningDevstack.receive(sqs, stack.devstack.queueUrl("BigOrdersQueue"), 10, Duration.ofSeconds(20));
        assertEquals(java.util.Set.copyOf(expected), big.stream().map(m -> Json.parse(m.body()).at("/detail/orderId").asText())
            .collect(java.util.stream.Collectors.toSet()));
        var summary = RunningDevstack.receive(sqs, stack.devstack.queueUrl("SummaryQueue"), 10, Duration.ofSeconds(20));
        assertEquals(java.util.Set.copyOf(expected), summary.stream().map(m -> Json.parse(m.body()).get("order").asText())
            .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void failingAsyncTargetsAreRetriedThenDeadLettered() {
        events.putEvents(b -> b.entries(entry("app.jobs", "job.doomed", "{}")));
        String dlq = stack.devstack.queueUrl("AsyncDeadLetters");
        List<software.amazon.awssdk.services.sqs.model.Message> dead = List.of();
        for (int i = 0; i < 40 && dead.isEmpty(); i++) {
            dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1).messageAttributeNames("All")).messages();
        }
        assertEquals(1, dead.size());
        assertEquals("{\"fail\":\"cannot do it\"}", dead.getFirst().body(), "the event as the function received it (here: the rule's Input)");
        assertEquals("cannot do it", dead.getFirst().messageAttributes().get("ErrorMessage").stringValue());
        assertEquals(2, stack.log.matching("AlwaysFails", t -> t.startsWith("START")).size(), "1 try + MaximumRetryAttempts 1");
    }

    @Test
    void requestLevelLimitsAreValidationErrors() {
        var eleven = Collections.nCopies(11, entry("app.orders", "order.placed", "{}"));
        EventBridgeException error = assertThrows(EventBridgeException.class, () -> events.putEvents(b -> b.entries(eleven)));
        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        String huge = "{\"blob\":\"" + "x".repeat(260 * 1024) + "\"}";
        error = assertThrows(EventBridgeException.class, () -> events.putEvents(b -> b.entries(entry("app.orders", "big", huge))));
        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
