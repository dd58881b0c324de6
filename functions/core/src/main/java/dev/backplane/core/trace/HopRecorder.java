package dev.backplane.core.trace;

import java.util.List;

/**
 * Port: keeps the hops functions took, by correlation id, for {@code GET /admin/traces/{correlationId}}. Recording is
 * best effort: an implementation never throws into the business path (a lost hop only thins a trace).
 */
public interface HopRecorder {
    HopRecorder NONE = hops -> {};

    void record(List<Hop> hops);

    default void record(Hop hop) { record(List.of(hop)); }
}
