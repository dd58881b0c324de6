package dev.backplane.devstack.template;

import java.util.List;
import java.util.Map;

/** One resource of the template, with SAM Globals already merged into its properties. */
public record Resource(String logicalId, String type, Map<String, Object> properties) {

    public Object property(String name) { return properties.get(name); }

    public String string(String name) {
        Object v = properties.get(name);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = properties.get(name);
        if (v == null) return Map.of();
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new TemplateException(logicalId + "." + name + " must be a mapping");
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = properties.get(name);
        if (v == null) return List.of();
        if (v instanceof List<?> l) return (List<Object>) l;
        throw new TemplateException(logicalId + "." + name + " must be a list");
    }

    /** Fails loudly on properties that devstack would otherwise silently ignore. */
    public void requireOnly(java.util.Set<String> supported) {
        for (String key : properties.keySet()) {
            if (!supported.contains(key)) throw TemplateException.unsupported(logicalId, type, key);
        }
    }
}
