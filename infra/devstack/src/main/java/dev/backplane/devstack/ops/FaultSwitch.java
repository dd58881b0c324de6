package dev.backplane.devstack.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injected failures for resilience tests: while a fault for (service, operation) is on, devstack answers that call
 * with a 500 InternalException, as AWS does on a bad day. Faults switch themselves off after their duration.
 */
public final class FaultSwitch {
    private final Map<String, Instant> until = new ConcurrentHashMap<>();
    private final AtomicLong injected = new AtomicLong();

    /** Turns the fault on for {@code duration} (zero turns it off). Service names as in endpoint variables: "events". */
    public void set(String service, String operation, Duration duration) {
        if (duration.isZero() || duration.isNegative()) until.remove(key(service, operation));
        else until.put(key(service, operation), Instant.now().plus(duration));
    }

    /** True (and counted) when this call must fail. */
    public boolean fails(String service, String operation) {
        Instant end = until.get(key(service, operation));
        if (end == null) return false;
        if (Instant.now().isAfter(end)) {
            until.remove(key(service, operation), end);
            return false;
        }
        injected.incrementAndGet();
        return true;
    }

    /** Faults still on, with the remaining milliseconds. */
    public Map<String, Long> active() {
        Instant now = Instant.now();
        Map<String, Long> out = new java.util.TreeMap<>();
        until.forEach((k, end) -> {
            if (end.isAfter(now)) out.put(k, Duration.between(now, end).toMillis());
        });
        return out;
    }

    public long injected() { return injected.get(); }

    private static String key(String service, String operation) {
        String s = service.toLowerCase(Locale.ROOT);
        return (s.equals("eventbridge") ? "events" : s) + ":" + operation;
    }
}
