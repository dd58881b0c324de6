package dev.backplane.core.trace;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What kind of step a {@link Hop} was; written and read as its lower-case name ({@code http}, {@code relay}, …). */
public enum HopKind {
    HTTP, OUTBOX, RELAY, BUS, CONSUMER, AGENT, NOTIFICATION, PUSH;

    @JsonValue
    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static HopKind ofWire(String value) { return valueOf(value.toUpperCase(Locale.ROOT)); }

    /**
     * An event consumer's kind from its service ({@code POWERTOOLS_SERVICE_NAME}): agents ({@code fraud-agent},
     * {@code digest-activity}) and notifications ({@code notifications}, {@code notification-delivery}) stand out.
     */
    public static HopKind ofConsumerService(String service) {
        String s = service == null ? "" : service;
        if (s.endsWith("agent") || s.endsWith("agents") || s.startsWith("digest")) return AGENT;
        if (s.startsWith("notification")) return NOTIFICATION;
        return CONSUMER;
    }
}
