// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HTTP header fields in arrival order; names compare case-insensitively, as HTTP requires. */
final class HeaderList {
    record Field(String name, String value) {}

    private final List<Field> fields = new ArrayList<>();

    HeaderList add(String name, String value) {
        fields.add(new Field(name, value));
        return this;
    }

    HeaderList set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    void remove(String name) {
        fields.removeIf(f -> f.name.equalsIgnoreCase(name));
    }

    List<Field> fields() { return fields; }

    String first(String name) {
        for (Field f : fields) if (f.name.equalsIgnoreCase(name)) return f.value;
        return null;
    }

    String last(String name) {
        String v = null;
        for (Field f : fields) if (f.name.equalsIgnoreCase(name)) v = f.value;
        return v;
    }

    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) if (f.name.equalsIgnoreCase(name)) values.add(f.value);
        return values;
    }

    boolean has(String name) { return first(name) != null; }

    /** Payload 2.0 style: lower-cased names, repeated headers joined with commas. */
    Map<String, String> lowerCaseCommaJoined() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : fields) out.merge(f.name.toLowerCase(Locale.ROOT), f.value, (a, b) -> a + "," + b);
        return out;
    }

    /** Payload 1.0 style: names as received, every value kept. */
    Map<String, List<String>> multiValue() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Field f : fields) out.computeIfAbsent(canonicalKey(out, f.name), k -> new ArrayList<>()).add(f.value);
        return out;
    }

    /** Payload 1.0 style: names as received, the last value wins (as API Gateway REST does). */
    Map<String, String> singleValueLastWins() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : fields) out.put(canonicalKey(out, f.name), f.value);
        return out;
    }

    private static String canonicalKey(Map<String, ?> existing, String name) {
        for (String k : existing.keySet()) if (k.equalsIgnoreCase(name)) return k;
        return name;
    }
}
