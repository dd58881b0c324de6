package dev.backplane.core.event;

/** An envelope with its {@code data} parsed once into the payload record registered for its type and version. */
public record TypedEvent<T>(EventEnvelope envelope, T data) {}
