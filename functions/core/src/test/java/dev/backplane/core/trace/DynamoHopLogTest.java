package dev.backplane.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.store.DynamoHopLog;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hops are kept per correlation id in time order with a TTL, and a failing hop write never fails the request. */
class DynamoHopLogTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private final String table = LocalDynamo.newTable("HopTable");
    private final DynamoHopLog log = new DynamoHopLog(LocalDynamo.client(), table, Duration.ofDays(7), Clock.systemUTC());

    @AfterEach
    void reset() { Hops.use(HopRecorder.NONE); }

    @Test
    void hopsComeBackInTimeOrderWithTheirTimingsAndExpire() {
        List<Hop> hops = new ArrayList<>();
        for (int i = 30; i >= 0; i--) {
            hops.add(Hop.of("corr-1", "consumer-" + i, HopKind.CONSUMER, T0.plusMillis(i * 1_000L), i).forEvent("evt-" + i, "order.paid"));
        }
        log.record(hops);
        log.record(Hop.of("corr-1", "realtime-push", HopKind.PUSH, T0.plusMillis(500), 7).withConnections(3));
        log.record(Hop.of("corr-2", "placeOrder", HopKind.HTTP, T0, 12));

        List<Hop> read = log.byCorrelationId("corr-1", 100);

        assertEquals(32, read.size());
        for (int i = 1; i < read.size(); i++) assertTrue(!read.get(i).startedAt().isBefore(read.get(i - 1).startedAt()), "time order");
        assertEquals(new Hop("corr-1", "realtime-push", HopKind.PUSH, T0.plusMillis(500), 7, null, null, null, 3), read.get(1));
        assertEquals("evt-30", read.getLast().eventId());
        assertEquals(30, read.getLast().durationMs());
        assertEquals(10, log.byCorrelationId("corr-1", 10).size());
        var item = LocalDynamo.client().scan(b -> b.tableName(table)).items().getFirst();
        long expires = Items.num(item, "expiresAt");
        assertTrue(expires > Instant.now().plus(Duration.ofDays(6)).getEpochSecond(), "a TTL about a week ahead");
    }

    @Test
    void consumersOfAgentsAndNotificationsAreTheirOwnKinds() {
        assertEquals(HopKind.AGENT, HopKind.ofConsumerService("fraud-agent"));
        assertEquals(HopKind.AGENT, HopKind.ofConsumerService("digest-activity"));
        assertEquals(HopKind.NOTIFICATION, HopKind.ofConsumerService("notification-delivery"));
        assertEquals(HopKind.CONSUMER, HopKind.ofConsumerService("orders"));
        assertEquals(HopKind.CONSUMER, HopKind.ofConsumerService(null));
    }

    @Test
    void aFailedHopWriteIsLoggedAndTheRequestStillSucceeds() {
        Hops.use(new DynamoHopLog(LocalDynamo.client(), "NoSuchHopTable", Duration.ofDays(7), Clock.systemUTC()));
        HttpEndpoint endpoint = HttpEndpoint.read("probe", request -> ApiResponse.ok(Map.of("ok", true))).withRateLimiter(Optional::empty);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/probe");
        event.setHeaders(Map.of("x-correlation-id", "corr-broken"));

        assertEquals(200, endpoint.handle(event).getStatusCode());
    }

    @Test
    void theHttpEndpointRecordsOneHopPerRequest() {
        Hops.use(log);
        HttpEndpoint endpoint = HttpEndpoint.read("probe", request -> ApiResponse.ok(Map.of("ok", true))).withRateLimiter(Optional::empty);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/probe");
        event.setHeaders(Map.of("x-correlation-id", "corr-http"));

        endpoint.handle(event);
        Hops.drain();

        List<Hop> read = log.byCorrelationId("corr-http", 10);
        assertEquals(1, read.size());
        assertEquals(HopKind.HTTP, read.getFirst().kind());
        assertEquals("probe", read.getFirst().name());
        assertNull(read.getFirst().eventId());
        assertTrue(read.getFirst().detail().endsWith("/probe → 200"), read.getFirst().detail());
    }
}
