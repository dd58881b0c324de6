package dev.backplane.devstack.template;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed SAM/CloudFormation template: resources (Globals merged), parameters with defaults, and the Conditions
 * section with the condition each conditional resource depends on.
 */
public record Template(Path file, Map<String, Resource> resources, Map<String, Object> parameters,
                       Map<String, Object> conditions, Map<String, String> resourceConditions) {
    private static final Map<String, String> GLOBAL_SECTIONS = Map.of(
        "AWS::Serverless::Function", "Function",
        "AWS::Serverless::HttpApi", "HttpApi",
        "AWS::Serverless::Api", "Api",
        "AWS::Serverless::SimpleTable", "SimpleTable");

    @SuppressWarnings("unchecked")
    public static Template load(Path file) {
        Map<String, Object> root = (Map<String, Object>) SamShorthands.inline(CfnYaml.load(file), file.toAbsolutePath().getParent());
        Map<String, Object> globals = (Map<String, Object>) root.getOrDefault("Globals", Map.of());
        Map<String, Object> rawResources = (Map<String, Object>) root.getOrDefault("Resources", Map.of());
        Map<String, Resource> resources = new LinkedHashMap<>();
        Map<String, String> resourceConditions = new LinkedHashMap<>();
        rawResources.forEach((id, raw) -> {
            Map<String, Object> def = (Map<String, Object>) raw;
            String type = String.valueOf(def.get("Type"));
            if (def.get("Condition") != null) resourceConditions.put(id, String.valueOf(def.get("Condition")));
            Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) def.getOrDefault("Properties", Map.of()));
            String section = GLOBAL_SECTIONS.get(type);
            if (section != null && globals.get(section) instanceof Map<?, ?> g) {
                props = mergeGlobals((Map<String, Object>) g, props);
            }
            Resource resource = new Resource(id, type, props);
            resources.put(id, type.equals(SamShorthands.SIMPLE_TABLE) ? SamShorthands.simpleTable(resource) : resource);
        });
        SamShorthands.eventSourceMappings(resources);
        Map<String, Object> parameters = new LinkedHashMap<>();
        ((Map<String, Object>) root.getOrDefault("Parameters", Map.of())).forEach((name, spec) ->
            parameters.put(name, ((Map<String, Object>) spec).get("Default")));
        Map<String, Object> conditions = (Map<String, Object>) root.getOrDefault("Conditions", Map.of());
        return new Template(file, resources, parameters, conditions, resourceConditions);
    }

    /**
     * The template as CloudFormation would deploy it: resources whose Condition is false are left out. The
     * intrinsics must be built on this template (they evaluate the conditions from its parameters).
     */
    public Template withConditionsApplied(Intrinsics intrinsics) {
        if (resourceConditions.isEmpty()) return this;
        Map<String, Resource> active = new LinkedHashMap<>();
        resources.forEach((id, r) -> {
            String condition = resourceConditions.get(id);
            if (condition == null || intrinsics.condition(condition)) active.put(id, r);
        });
        return new Template(file, active, parameters, conditions, Map.of());
    }

    /** SAM rules: maps merge (resource wins), lists concatenate, scalars are overridden. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeGlobals(Map<String, Object> global, Map<String, Object> local) {
        Map<String, Object> merged = new LinkedHashMap<>(global);
        local.forEach((key, value) -> {
            Object g = merged.get(key);
            if (g instanceof Map<?, ?> gm && value instanceof Map<?, ?> lm) {
                merged.put(key, mergeGlobals((Map<String, Object>) gm, (Map<String, Object>) lm));
            } else if (g instanceof List<?> gl && value instanceof List<?> ll) {
                List<Object> both = new java.util.ArrayList<>(gl);
                both.addAll(ll);
                merged.put(key, both);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    public List<Resource> ofType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    public Resource resource(String logicalId) {
        Resource r = resources.get(logicalId);
        if (r == null) throw new TemplateException("no resource '" + logicalId + "' in " + file);
        return r;
    }
}
