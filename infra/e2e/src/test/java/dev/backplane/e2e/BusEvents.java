package dev.backplane.e2e;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Puts an event on devstack's bus as another domain would (e.g. billing's payment.failed), in the real envelope. */
final class BusEvents {
    private static final String BUS = "backplane-dev";
    private final EventBridgeClient events;

    BusEvents(LocalSystem system) {
        events = EventBridgeClient.builder().endpointOverride(system.devstack.endpoint("EventBridge")).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    }

    EventEnvelope put(String type, String source, Subject subject, Map<String, Object> data) {
        EventEnvelope envelope = EventEnvelope.wrap(NewEvent.of(type, subject, data), source, Trace.startedBy(Actor.SYSTEM), Instant.now());
        put(envelope);
        return envelope;
    }

    /** Puts exactly this envelope (same id: a redelivery or replay). */
    void put(EventEnvelope envelope) {
        var response = events.putEvents(b -> b.entries(e -> e.eventBusName(BUS).source(envelope.source()).detailType(envelope.type())
            .detail(envelope.toJson())));
        if (response.failedEntryCount() > 0) throw new AssertionError("PutEvents failed: " + response.entries());
    }
}
