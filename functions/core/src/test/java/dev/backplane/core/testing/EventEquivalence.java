// SPDX-License-Identifier: Apache-2.0
package dev.backplane.core.testing;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.backplane.core.function.LambdaEventReader;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one payload with the Lambda Java runtime's own event serializers (aws-lambda-java-serialization) and with
 * {@link LambdaEventReader}, and compares the two objects field by field (every declared field, private ones
 * included, down to the leaves; concrete classes of maps, lists and numbers too). Both refusing a payload counts as
 * agreement; one refusing it does not.
 */
public final class EventEquivalence {
    private static final Map<Class<?>, PojoSerializer<?>> RUNTIME = new ConcurrentHashMap<>();

    private EventEquivalence() {}

    /** What the comparison found: the differences (empty when equal) and how many non-null leaves agreed. */
    public record Outcome(List<String> differences, int leaves, boolean bothRefused) {}

    public static Outcome compare(byte[] payload, Class<?> eventType) {
        Object before;
        Object after;
        RuntimeException beforeFailure = null;
        RuntimeException afterFailure = null;
        try { before = runtimeRead(payload, eventType); } catch (RuntimeException e) { before = null; beforeFailure = e; }
        try { after = LambdaEventReader.read(payload, eventType); } catch (RuntimeException e) { after = null; afterFailure = e; }
        if (beforeFailure != null || afterFailure != null) {
            if (beforeFailure != null && afterFailure != null) return new Outcome(List.of(), 0, true);
            return new Outcome(List.of(beforeFailure != null
                ? "$: the runtime's serializer refused it (" + beforeFailure + ") but the new reader read it"
                : "$: the new reader refused it (" + afterFailure + ") but the runtime's serializer read it"), 0, false);
        }
        List<String> differences = new ArrayList<>();
        int leaves = diff("$", before, after, differences);
        return new Outcome(differences, leaves, false);
    }

    /** The object the Lambda Java runtime's event serializer makes of the payload. */
    public static Object runtimeRead(byte[] payload, Class<?> eventType) {
        return RUNTIME.computeIfAbsent(eventType, t -> LambdaEventSerializers.serializerFor(t,
            t.getClassLoader() != null ? t.getClassLoader() : EventEquivalence.class.getClassLoader()))
            .fromJson(new ByteArrayInputStream(payload));
    }

    /** Differences between two objects, as paths; returns the number of non-null leaves that agreed. */
    public static int diff(String path, Object a, Object b, List<String> out) {
        if (a == null || b == null) {
            if (a != b) out.add(path + ": " + describe(a) + " vs " + describe(b));
            return 0;
        }
        if (a.getClass() != b.getClass()) {
            out.add(path + ": " + a.getClass().getName() + " vs " + b.getClass().getName());
            return 0;
        }
        if (isLeaf(a)) {
            if (!a.equals(b) || !a.toString().equals(b.toString())) out.add(path + ": " + describe(a) + " vs " + describe(b));
            return 1;
        }
        int leaves = 0;
        if (a instanceof Map<?, ?> ma) {
            Map<?, ?> mb = (Map<?, ?>) b;
            if (!ma.keySet().equals(mb.keySet())) {
                out.add(path + ": keys " + new TreeSet<>(strings(ma.keySet())) + " vs " + new TreeSet<>(strings(mb.keySet())));
                return 0;
            }
            for (var e : ma.entrySet()) leaves += diff(path + "[" + e.getKey() + "]", e.getValue(), mb.get(e.getKey()), out);
            return leaves;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                out.add(path + ": " + la.size() + " vs " + lb.size() + " elements");
                return 0;
            }
            for (int i = 0; i < la.size(); i++) leaves += diff(path + "[" + i + "]", la.get(i), lb.get(i), out);
            return leaves;
        }
        if (a.getClass().getName().startsWith("java.")) {
            out.add(path + ": no comparison for " + a.getClass().getName());
            return 0;
        }
        for (Class<?> c = a.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                f.setAccessible(true);
                try {
                    leaves += diff(path + "." + f.getName(), f.get(a), f.get(b), out);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return leaves;
    }

    private static boolean isLeaf(Object v) {
        return v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Character
            || v instanceof Enum<?> || v instanceof Date || v instanceof ByteBuffer
            || v.getClass().getName().equals("org.joda.time.DateTime");
    }

    private static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof ByteBuffer bb) return "ByteBuffer" + bb + " " + java.util.HexFormat.of().formatHex(bytes(bb));
        return v.getClass().getSimpleName() + "(" + v + ")";
    }

    private static byte[] bytes(ByteBuffer bb) {
        byte[] out = new byte[bb.remaining()];
        bb.duplicate().get(out);
        return out;
    }

    private static Set<String> strings(Set<?> keys) {
        Set<String> out = new TreeSet<>();
        keys.forEach(k -> out.add(String.valueOf(k)));
        return out;
    }
}
