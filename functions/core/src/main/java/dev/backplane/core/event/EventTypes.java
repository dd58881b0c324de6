package dev.backplane.core.event;

import dev.backplane.core.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which payload record a consumer reads for each event type and major version (schemas: events/schemas). Payload
 * records should ignore unknown properties ({@code @JsonIgnoreProperties(ignoreUnknown = true)}): adding a field
 * to an event is a compatible change and must not break its consumers.
 */
public final class EventTypes {
    private record Key(String type, int version) {}

    private final Map<Key, Class<?>> payloads = new HashMap<>();
    private final Map<String, Integer> highest = new HashMap<>();

    public static EventTypes of() { return new EventTypes(); }

    public EventTypes with(String type, int version, Class<?> payload) {
        EventEnvelope.checkType(type);
        payloads.put(new Key(type, version), payload);
        highest.merge(type, version, Math::max);
        return this;
    }

    /** The highest version registered for {@code type}, if the type is registered at all. */
    public Optional<Integer> highestVersion(String type) { return Optional.ofNullable(highest.get(type)); }

    /** The typed event; {@link UnsupportedEventVersionException} for a registered type in an unregistered version. */
    public Optional<TypedEvent<?>> parse(String consumer, EventEnvelope event) {
        Class<?> payload = payloads.get(new Key(event.type(), event.version()));
        if (payload != null) return Optional.of(new TypedEvent<>(event, Json.convert(event.data(), payload)));
        if (highest.containsKey(event.type())) {
            throw new UnsupportedEventVersionException(consumer, event.type(), event.version(), highest.get(event.type()));
        }
        return Optional.empty();
    }
}
