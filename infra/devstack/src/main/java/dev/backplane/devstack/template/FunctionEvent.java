package dev.backplane.devstack.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One entry of a SAM function's {@code Events}: e.g. {@code Queue: {Type: SQS, Properties: {...}}}. */
public record FunctionEvent(Resource function, String name, String type, Map<String, Object> properties) {

    @SuppressWarnings("unchecked")
    public static List<FunctionEvent> all(Template template) {
        List<FunctionEvent> events = new ArrayList<>();
        for (Resource f : template.ofType("AWS::Serverless::Function")) {
            f.map("Events").forEach((name, raw) -> {
                if (!(raw instanceof Map<?, ?> def)) throw new TemplateException(f.logicalId() + ".Events." + name + " must be a mapping");
                Object props = def.get("Properties");
                events.add(new FunctionEvent(f, name, String.valueOf(def.get("Type")),
                    props instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of()));
            });
        }
        return events;
    }

    public static List<FunctionEvent> ofType(Template template, String... types) {
        Set<String> wanted = Set.of(types);
        return all(template).stream().filter(e -> wanted.contains(e.type())).toList();
    }

    public String functionId() { return function.logicalId(); }

    /** Fails loudly, naming function, event and property, on anything the local twin would silently ignore. */
    public void requireOnly(Set<String> supported) {
        for (String key : properties.keySet()) {
            if (!supported.contains(key)) {
                throw new TemplateException("devstack does not support property '" + key + "' of " + type + " event '" + name
                    + "' (function " + functionId() + "). Remove it for local runs or open an issue.");
            }
        }
    }

    public Object property(String name) { return properties.get(name); }
}
