package dev.backplane.core.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which bucket applies where, from one setting ({@code RATE_LIMITS}): {@code ;}-separated {@code name=limit} entries,
 * each limit {@code <capacity>/<n>[s|m|h]} or {@code off}. Names: {@code write} (per user per write route),
 * {@code ip} (per client IP per write route), {@code anonymous} (per IP per read route without a caller), or an
 * endpoint's name (e.g. {@code placeOrder=5/1m}), which replaces the per-user limit of that endpoint, and
 * {@code <endpoint>.ip} / {@code <endpoint>.anonymous} for its other two. Unset names use the defaults below.
 */
public final class RateLimits {
    public static final RateLimit DEFAULT_WRITE = RateLimit.parse("60/10s");
    public static final RateLimit DEFAULT_IP = RateLimit.parse("300/10s");
    public static final RateLimit DEFAULT_ANONYMOUS = RateLimit.parse("300/10s");

    private final Map<String, Optional<RateLimit>> entries;

    private RateLimits(Map<String, Optional<RateLimit>> entries) { this.entries = Map.copyOf(entries); }

    public static RateLimits parse(String spec) {
        Map<String, Optional<RateLimit>> entries = new HashMap<>();
        if (spec != null) {
            for (String entry : spec.split(";")) {
                if (entry.isBlank()) continue;
                int eq = entry.indexOf('=');
                if (eq < 1) throw new IllegalArgumentException("rate limit entry '" + entry + "' is not name=limit");
                String value = entry.substring(eq + 1).strip();
                entries.put(entry.substring(0, eq).strip(), value.equals("off") ? Optional.empty() : Optional.of(RateLimit.parse(value)));
            }
        }
        return new RateLimits(entries);
    }

    public Optional<RateLimit> perUser(String endpoint) { return find(endpoint, "write", DEFAULT_WRITE); }

    public Optional<RateLimit> perIp(String endpoint) { return find(endpoint + ".ip", "ip", DEFAULT_IP); }

    public Optional<RateLimit> anonymous(String endpoint) { return find(endpoint + ".anonymous", "anonymous", DEFAULT_ANONYMOUS); }

    /** An endpoint switched {@code off} by name is exempt from all three (e.g. a signed webhook). */
    private Optional<RateLimit> find(String specific, String general, RateLimit fallback) {
        String endpoint = specific.contains(".") ? specific.substring(0, specific.indexOf('.')) : specific;
        if (entries.containsKey(endpoint) && entries.get(endpoint).isEmpty()) return Optional.empty();
        if (entries.containsKey(specific)) return entries.get(specific);
        return entries.getOrDefault(general, Optional.of(fallback));
    }
}
