package dev.backplane.devstack.events;

import dev.backplane.devstack.template.TemplateException;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * Event patterns evaluated by AWS's own matcher (event-ruler), as EventBridge rules and Lambda's event filtering
 * (FilterCriteria) do. Several patterns are OR-ed; no pattern matches everything.
 */
public final class EventFilter {
    private final Machine machine = new Machine();
    private final boolean matchAll;

    private EventFilter(List<String> patterns, String usedBy) {
        this.matchAll = patterns.isEmpty();
        for (int i = 0; i < patterns.size(); i++) {
            try {
                machine.addRule("pattern-" + i, patterns.get(i));
            } catch (Exception e) {
                throw new TemplateException(usedBy + ": invalid event pattern " + patterns.get(i) + ": " + e.getMessage());
            }
        }
    }

    public static EventFilter of(List<String> patterns, String usedBy) { return new EventFilter(patterns, usedBy); }

    public boolean matches(String eventJson) {
        if (matchAll) return true;
        try {
            return !machine.rulesForJSONEvent(eventJson).isEmpty();
        } catch (Exception e) {
            return false; // not JSON an event pattern can look into
        }
    }
}
