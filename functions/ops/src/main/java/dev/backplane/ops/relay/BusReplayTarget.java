package dev.backplane.ops.relay;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.ops.domain.ReplayTarget;
import java.util.List;
import java.util.function.Function;

/** Replays to the event bus: every rule sees the event again, with {@code "replay": true} beside the envelope. */
public final class BusReplayTarget implements ReplayTarget {
    private final EventBusPublisher publisher;

    public BusReplayTarget(EventBusPublisher publisher) { this.publisher = publisher; }

    @Override
    public List<EventEnvelope> send(List<EventEnvelope> events) { return publisher.publish(events, Function.identity(), true); }
}
