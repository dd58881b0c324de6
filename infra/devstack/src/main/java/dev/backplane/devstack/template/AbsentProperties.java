package dev.backplane.devstack.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code !Ref AWS::NoValue} means "this property is not there" — also as the chosen branch of {@code Fn::If}, the
 * usual way to set e.g. {@code ReservedConcurrentExecutions} in production only. CloudFormation removes such
 * properties before a resource sees them; so does this, for every resource, at any depth, with each {@code Fn::If}
 * replaced by its chosen branch. Readers of a property then find it absent and apply their default.
 */
public final class AbsentProperties {
    private static final Object ABSENT = new Object();

    private AbsentProperties() {}

    /** {@code intrinsics} evaluates the conditions (built on this template, with the parameters in effect). */
    public static Template removed(Template template, Intrinsics intrinsics) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        template.resources().forEach((id, r) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) strip(r.properties(), intrinsics);
            resources.put(id, new Resource(id, r.type(), props));
        });
        return new Template(template.file(), resources, template.parameters(), template.conditions(), template.resourceConditions());
    }

    private static Object strip(Object value, Intrinsics intrinsics) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && Intrinsics.NO_VALUE.equals(map.get("Ref"))) return ABSENT;
            if (map.size() == 1 && map.get("Fn::If") instanceof List<?> branches && branches.size() == 3) {
                return strip(intrinsics.condition(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2), intrinsics);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object s = strip(v, intrinsics);
                if (s != ABSENT) out.put(String.valueOf(k), s);
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object v : list) {
                Object s = strip(v, intrinsics);
                if (s != ABSENT) out.add(s);
            }
            return out;
        }
        return value;
    }
}
