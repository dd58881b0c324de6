package dev.backplane.devstack.events;

import dev.backplane.devstack.Json;
import dev.backplane.devstack.template.Intrinsics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an event source mapping's FilterCriteria ({Filters: [{Pattern: json}]}) into an {@link EventFilter}. */
public final class FilterCriteria {
    private FilterCriteria() {}

    public static EventFilter from(Object filterCriteria, Intrinsics intrinsics, String usedBy) {
        List<String> patterns = new ArrayList<>();
        if (intrinsics.resolve(filterCriteria) instanceof Map<?, ?> criteria && criteria.get("Filters") instanceof List<?> filters) {
            for (Object f : filters) {
                Object pattern = ((Map<?, ?>) f).get("Pattern");
                patterns.add(pattern instanceof String s ? s : Json.text(pattern));
            }
        }
        return EventFilter.of(patterns, usedBy);
    }
}
