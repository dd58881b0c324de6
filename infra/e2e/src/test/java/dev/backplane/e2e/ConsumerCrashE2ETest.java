// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import tools.jackson.databind.JsonNode;

/**
 * A consumer's JVM dies mid-batch (SIGKILL through devstack's admin API, as an out-of-memory sandbox dies): the batch
 * it held was neither acknowledged nor lost — SQS hands it out again after the visibility timeout — and every event
 * has its effect exactly once. Effects are counted (events in the event store), not deliveries.
 */
class ConsumerCrashE2ETest {
    private static final int EVENTS = 600;
    private final LocalSystem system = LocalSystem.get();
    private final OpsConsole ops = new OpsConsole(system);

    @Test
    void killingTheEventStoreConsumerMidBatchLosesNothingAndDoublesNothing() {
        ops.warm("RecordEventFunction", "FindEventsFunction");
        String queue = system.queueUrl("EventStoreQueue");
        String visibility = ops.sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
            .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
        // the killed batch comes back after the visibility timeout: seconds here rather than the template's minutes
        ops.sqs.setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "15")));
        int deadLettersBefore = ops.depth("EventStoreDeadLetterQueue");
        String correlationId = "e2e-crash-" + UUID.randomUUID();
        try {
            List<EventEnvelope> events = IntStream.range(0, EVENTS).mapToObj(i -> EventEnvelope.wrap(
                NewEvent.of("order.placed", new Subject("order", "ord-crash-" + i), Map.of("orderId", "ord-crash-" + i)), "backplane.orders",
                new Trace(correlationId, "req-crash-" + i, Actor.SYSTEM), Instant.now())).toList();
            for (int i = 0; i < EVENTS; i += 10) {
                List<SendMessageBatchRequestEntry> batch = events.subList(i, i + 10).stream().map(e -> SendMessageBatchRequestEntry.builder()
                    .id(e.id()).messageBody(Json.write(Json.object().put("detail-type", e.type()).put("source", e.source())
                        .set("detail", Json.tree(e.toJson())))).build()).toList();
                ops.sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(batch));
            }

            ops.await("the first events archived", Duration.ofSeconds(120), () -> page(correlationId, 1, null),
                p -> p.get("items").size() > 0);
            JsonNode killed = ops.kill("RecordEventFunction");
            int archivedAtKill = archived(correlationId).size();
            assertTrue(killed.get("killed").asInt() > 0, "a live consumer JVM was killed: " + killed);
            assertTrue(archivedAtKill < EVENTS, "the kill came while events were still in flight (" + archivedAtKill + " archived)");

            List<String> ids = ops.await("every event archived after the redelivery", Duration.ofSeconds(180),
                () -> Json.MAPPER.valueToTree(archived(correlationId)), a -> a.size() >= EVENTS).valueStream().map(JsonNode::asString).toList();
            assertEquals(EVENTS, ids.size(), "each event archived exactly once");
            assertEquals(events.stream().map(EventEnvelope::id).collect(Collectors.toSet()), new HashSet<>(ids));
            assertEquals(deadLettersBefore, ops.depth("EventStoreDeadLetterQueue"), "nothing ended in the dead-letter queue");
        } finally {
            ops.sqs.setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, visibility)));
        }
    }

    /** Ids of the archived events of the chain (every page). */
    private List<String> archived(String correlationId) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(correlationId, 200, cursor);
            if (page == null) throw new AssertionError("GET /admin/events did not answer 200");
            page.get("items").forEach(e -> ids.add(e.get("id").asString()));
            cursor = page.path("nextCursor").isString() ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        return ids;
    }

    private JsonNode page(String correlationId, int limit, String cursor) {
        return ops.adminGet("/admin/events?correlationId=" + correlationId + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
    }
}
