package dev.backplane.core.event;

/** A domain event as the domain states it; the envelope (ids, time, trace) is added when it is published. */
public record NewEvent(String type, int version, Subject subject, Object data) {
    public NewEvent {
        EventEnvelope.checkType(type);
        if (version < 1) throw new IllegalArgumentException("event version must be >= 1");
        if (subject == null) throw new IllegalArgumentException("event subject is required");
    }

    public static NewEvent of(String type, Subject subject, Object data) { return new NewEvent(type, 1, subject, data); }
}
