package dev.backplane.core.trace;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What kind of step a {@link Hop} was; written and read as its lower-case name ({@code http}, {@code relay}, …). */
public enum HopKind {
    HTTP, OUTBOX, RELAY, BUS, CONSUMER, AGENT, NOTIFICATION, PUSH;

    @JsonValue
    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static HopKind ofWire(String value) { return valueOf(value.toUpperCase(Locale.ROOT)); }

    /** An event consumer's kind from its service ({@code POWERTOOLS_SERVICE_NAME}): agents and notifications stand out. */
    public static HopKind ofConsumerService(String service) {
        return switch (service == null ? "" : service) {
            case "agents" -> AGENT;
            case "notifications" -> NOTIFICATION;
            default -> CONSUMER;
        };
    }
}
