// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small helpers to read resolved template properties with errors that name resource and property. */
final class TemplateReads {
    private TemplateReads() {}

    /** The logical id a property refers to: {Ref: X} directly, otherwise the resolved string. */
    static String referencedLogicalId(Object value, Intrinsics intrinsics) {
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Ref")) return String.valueOf(m.get("Ref"));
        return intrinsics.resolveString(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (value == null) return Map.of();
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new TemplateException(where + " must be a mapping");
    }

    static List<String> strings(Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(value));
    }

    static Map<String, String> stringMap(Object value, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        map(value, where).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** Fails on keys outside supported ∪ ignored; ignored keys are ones that change nothing locally. */
    static void requireKnown(Map<String, Object> props, Set<String> supported, Set<String> ignored, String where) {
        for (String key : props.keySet()) {
            if (!supported.contains(key) && !ignored.contains(key)) {
                throw new TemplateException("devstack does not support property '" + key + "' (" + where
                    + "). Remove it for local runs or open an issue.");
            }
        }
    }

    static int integer(Object value, int fallback, String where) {
        if (value == null) return fallback;
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new TemplateException(where + " must be an integer, got '" + value + "'");
        }
    }
}
