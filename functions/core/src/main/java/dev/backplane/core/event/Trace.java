package dev.backplane.core.event;

import java.util.UUID;

/**
 * The causal context a piece of work runs in: the chain's correlation id, the id of what directly caused it
 * (a request id or an event id) and the actor. Handlers build it from a request, consumers from an event.
 */
public record Trace(String correlationId, String causationId, Actor actor) {
    public static Trace startedBy(Actor actor) {
        String id = mintId();
        return new Trace(id, id, actor);
    }

    /** The trace of work caused by {@code event}: same correlation, caused by that event. */
    public static Trace causedBy(EventEnvelope event, Actor actor) {
        return new Trace(event.correlationId(), event.id(), actor);
    }

    public static String mintId() { return UUID.randomUUID().toString(); }
}
