package dev.backplane.notifications.domain;

import dev.backplane.core.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's choices per event type and channel. Everything is on by default (external channels only matter once the
 * user registered a webhook or has an email); a stored choice overrides the default.
 */
public record Preferences(Map<String, Map<String, Boolean>> choices) {
    public Preferences {
        Map<String, Map<String, Boolean>> copy = new LinkedHashMap<>();
        if (choices != null) choices.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        choices = copy;
    }

    public static Preferences none() { return new Preferences(Map.of()); }

    public boolean enabled(String eventType, Channel channel) {
        Map<String, Boolean> forType = choices.get(eventType);
        Boolean choice = forType == null ? null : forType.get(channel.id());
        return choice == null || choice;
    }

    /** The full matrix (every event type with a rule × every channel), defaults filled in. */
    public Map<String, Map<String, Boolean>> matrix() {
        Map<String, Map<String, Boolean>> out = new LinkedHashMap<>();
        for (String type : NotificationRules.RULES.keySet()) {
            Map<String, Boolean> row = new LinkedHashMap<>();
            for (Channel c : Channel.values()) row.put(c.id(), enabled(type, c));
            out.put(type, row);
        }
        return out;
    }

    /** These preferences with {@code update} applied; unknown event types or channels are a 422 naming the field. */
    public Preferences merge(Map<String, Map<String, Boolean>> update) {
        ValidationException.Collector errors = new ValidationException.Collector();
        errors.check(update != null, "preferences", "required: {eventType: {channel: true|false}}");
        if (update == null) errors.throwIfAny();
        Map<String, Map<String, Boolean>> next = new LinkedHashMap<>();
        choices.forEach((k, v) -> next.put(k, new LinkedHashMap<>(v)));
        update.forEach((type, row) -> {
            boolean known = NotificationRules.RULES.containsKey(type);
            errors.check(known, "preferences." + type, "unknown event type; one of " + NotificationRules.RULES.keySet());
            if (!known || row == null) return;
            row.forEach((channel, on) -> {
                boolean ok = Channel.of(channel).isPresent() && on != null;
                errors.check(ok, "preferences." + type + "." + channel, "channel must be one of in_app, email, webhook, slack with true|false");
                if (ok) next.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(channel, on);
            });
        });
        errors.throwIfAny();
        return new Preferences(next);
    }
}
