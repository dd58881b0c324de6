package dev.backplane.core.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small typed accessors for DynamoDB items (the low-level client keeps cold start low; no mapper reflection). */
public final class Items {
    private Items() {}

    public static AttributeValue s(String value) { return AttributeValue.fromS(value); }

    public static AttributeValue n(long value) { return AttributeValue.fromN(Long.toString(value)); }

    /** A list of strings (type L, keeps order and duplicates; not a DynamoDB string set). */
    public static AttributeValue list(Collection<String> values) { return AttributeValue.fromL(values.stream().map(Items::s).toList()); }

    public static Map<String, AttributeValue> key(String pk, String sk) { return Map.of("pk", s(pk), "sk", s(sk)); }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    public static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.n() == null) throw new IllegalStateException("item attribute " + name + " is missing");
        return Long.parseLong(v.n());
    }

    public static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    /** Builder for attribute maps: {@code Items.map().put("pk", s(..)).build()}. */
    public static Builder map() { return new Builder(); }

    public static final class Builder {
        private final Map<String, AttributeValue> values = new HashMap<>();

        public Builder put(String name, AttributeValue value) {
            values.put(name, value);
            return this;
        }

        public Builder put(String name, String value) { return value == null ? this : put(name, s(value)); }

        public Builder put(String name, long value) { return put(name, n(value)); }

        public Map<String, AttributeValue> build() { return Map.copyOf(values); }
    }
}
