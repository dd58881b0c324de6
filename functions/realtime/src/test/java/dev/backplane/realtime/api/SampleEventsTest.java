// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.function.LambdaEventReader;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.realtime.domain.Topic;
import dev.backplane.realtime.store.DynamoConnectionStore;
import dev.backplane.realtime.testing.RealtimeStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The events/ samples of every realtime function, fed to the function beans as Lambda would.
 * Also a schema check: every sample parses into its function's event type, and every push sample's envelope is
 * valid unless the file is named as invalid — fixtures cannot drift from the code.
 */
class SampleEventsTest {
    private static final Map<String, Class<?>> EVENT_TYPES = Map.of(
        "WsConnectFunction", APIGatewayV2WebSocketEvent.class, "WsDisconnectFunction", APIGatewayV2WebSocketEvent.class,
        "WsMessageFunction", APIGatewayV2WebSocketEvent.class, "RealtimePushFunction", SQSEvent.class,
        "ConnectionSweeperFunction", com.amazonaws.services.lambda.runtime.events.ScheduledEvent.class);
    private static RealtimeStack stack;
    private static DynamoConnectionStore store;

    @BeforeAll
    static void start() {
        stack = new RealtimeStack();
        store = new DynamoConnectionStore(LocalDynamo.client(), stack.connectionsTable);
        stack.order("ord_sample1", "user-alice");
    }

    @AfterAll
    static void stop() { stack.close(); }

    private static APIGatewayV2WebSocketResponse ws(String bean, String sample) {
        return stack.functions().invoke(bean, APIGatewayV2WebSocketEvent.class, FunctionHarness.event(sample));
    }

    private static boolean recorded(String connectionId) {
        return LocalDynamo.client().getItem(b -> b.tableName(stack.connectionsTable)
            .key(dev.backplane.core.store.Items.key("CONN#" + connectionId, "CONN"))).hasItem();
    }

    @Test
    void connectRecordsTheCallerAndRefusesAnEventWithoutAuthorizerContext() {
        assertEquals(200, ws("wsConnect", "WsConnectFunction/ws-connect_user.json").getStatusCode());
        assertTrue(recorded("Kx3pWhZ2DoEEMVg="));
        var item = LocalDynamo.client().getItem(b -> b.tableName(stack.connectionsTable)
            .key(dev.backplane.core.store.Items.key("CONN#Kx3pWhZ2DoEEMVg=", "CONN"))).item();
        assertEquals("user-alice", item.get("userId").s());
        assertFalse(item.containsKey("email"), "no personal data beyond the user id is stored");
        assertEquals(401, ws("wsConnect", "WsConnectFunction/ws-connect_no-authorizer-context.json").getStatusCode());
        assertFalse(recorded("Kx3pZz9QjoEFa7c="));
    }

    @Test
    void messagesToAConnectionThatIsGoneCleanItUp() {
        // The sample's connection id is not open on the local gateway, so the reply answers 410 and the records go.
        ws("wsConnect", "WsConnectFunction/ws-connect_admin.json");
        assertTrue(recorded("Kx3pZa1BjoEFQ2w="));
        var event = FunctionHarness.event("WsMessageFunction/ws-ping.json").replace("Kx3pWhZ2DoEEMVg=", "Kx3pZa1BjoEFQ2w=");
        APIGatewayV2WebSocketResponse response = stack.functions().invoke("wsMessage", APIGatewayV2WebSocketEvent.class, event);
        assertEquals(200, response.getStatusCode());
        assertFalse(recorded("Kx3pZa1BjoEFQ2w="));
    }

    @Test
    void everyMessageSampleIsHandled() throws IOException {
        try (Stream<Path> files = Files.list(FunctionHarness.eventsDir().resolve("WsMessageFunction"))) {
            for (Path file : files.sorted().toList()) {
                String sample = "WsMessageFunction/" + file.getFileName();
                assertEquals(200, ws("wsMessage", sample).getStatusCode(), sample);
            }
        }
    }

    @Test
    void disconnectRemovesTheConnection() {
        ws("wsConnect", "WsConnectFunction/ws-connect_user.json");
        ws("wsDisconnect", "WsDisconnectFunction/ws-disconnect_going-away.json");
        assertFalse(recorded("Kx3pWhZ2DoEEMVg="));
        assertEquals(List.of(), store.subscribers(Topic.user("user-alice"), Instant.now()));
    }

    @Test
    void pushSamplesSucceedAndAnInvalidEnvelopeIsReportedAsABatchItemFailure() {
        SQSBatchResponse ok = stack.functions().invoke("pushEvents", SQSEvent.class, FunctionHarness.event("RealtimePushFunction/push_mixed-batch.json"));
        assertEquals(List.of(), ok.getBatchItemFailures());
        SQSBatchResponse partial = stack.functions().invoke("pushEvents", SQSEvent.class,
            FunctionHarness.event("RealtimePushFunction/push_invalid-envelope.json"));
        assertEquals(List.of("5d4a2c1e-0000-4000-8000-000000000002"),
            partial.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Test
    void sweeperSampleRuns() {
        assertNotNull(stack.sweep());
    }

    @Test
    void everySampleMatchesItsFunctionsEventType() throws IOException {
        for (var entry : EVENT_TYPES.entrySet()) {
            try (Stream<Path> files = Files.list(FunctionHarness.eventsDir().resolve(entry.getKey()))) {
                for (Path file : files.toList()) {
                    Object event = LambdaEventReader.read(Files.readAllBytes(file), entry.getValue());
                    assertNotNull(event, file.toString());
                    if (event instanceof APIGatewayV2WebSocketEvent ws) assertNotNull(ws.getRequestContext().getConnectionId(), file.toString());
                    if (event instanceof SQSEvent sqs && !file.getFileName().toString().contains("invalid")) {
                        sqs.getRecords().forEach(r -> EventConsumer.envelopeOf(r.getBody()));
                    }
                }
            }
        }
    }
}
