// SPDX-License-Identifier: Apache-2.0
package dev.backplane.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backplane.devstack.template.CfnYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * template.yaml as LocalStack receives it: the same resources, with each CodeUri pointing at the artifact uploaded to
 * LocalStack's S3. In hybrid mode (a LocalStack without API Gateway v2, e.g. its free plan) the APIs, CDN and user
 * pool are left to devstack: those resources, the functions' HttpApi events and whatever only they use are removed;
 * functions keep their code, queues, rules and tables, and references to a removed resource become a placeholder
 * naming it (an IAM statement on a removed WebSocket API grants nothing locally). The result is the JSON form of the
 * template, which CloudFormation reads like the YAML.
 */
final class LocalStackTemplate {
    static final List<String> API_LAYER_TYPES = List.of("AWS::Serverless::HttpApi", "AWS::Serverless::Api", "AWS::ApiGatewayV2::",
        "AWS::ApiGateway::", "AWS::Cognito::", "AWS::CloudFront::");
    private static final String FUNCTION = "AWS::Serverless::Function";
    private final Map<String, Object> root;
    private final Set<String> removed = new TreeSet<>();

    private LocalStackTemplate(Map<String, Object> root) { this.root = root; }

    static LocalStackTemplate load(Path file) { return new LocalStackTemplate(CfnYaml.load(file)); }

    /** Distinct local artifact paths (CodeUri) of all functions, relative to the template's folder. */
    Set<String> codeUris() {
        Set<String> uris = new LinkedHashSet<>();
        functions().forEach((id, props) -> { if (props.get("CodeUri") instanceof String uri) uris.add(uri); });
        return uris;
    }

    LocalStackTemplate withCodeUris(Map<String, String> s3UriByLocalPath) {
        functions().forEach((id, props) -> {
            String s3 = s3UriByLocalPath.get(String.valueOf(props.get("CodeUri")));
            if (s3 != null) props.put("CodeUri", s3);
        });
        return this;
    }

    /** Sets environment variables of every function that declares them (or of all, through Globals). */
    @SuppressWarnings("unchecked")
    LocalStackTemplate withEnvironment(Map<String, String> variables) {
        List<Map<String, Object>> scopes = new ArrayList<>(functions().values());
        if (root.get("Globals") instanceof Map<?, ?> g && g.get("Function") instanceof Map<?, ?> f) scopes.add((Map<String, Object>) f);
        for (Map<String, Object> props : scopes) {
            if (props.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
                variables.forEach((k, v) -> { if (vars.containsKey(k)) ((Map<String, Object>) vars).put(k, v); });
            }
        }
        return this;
    }

    /** Hybrid mode: leaves the API layer to devstack (see the class comment). */
    @SuppressWarnings("unchecked")
    LocalStackTemplate withoutApiLayer() {
        Map<String, Object> resources = resources();
        resources.forEach((id, def) -> { if (API_LAYER_TYPES.stream().anyMatch(type(def)::startsWith)) removed.add(id); });
        // whatever only served a removed resource goes too (permissions, deployments, stages, bucket policies…)
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var e : resources.entrySet()) {
                if (!removed.contains(e.getKey()) && !type(e.getValue()).equals(FUNCTION) && mentions(e.getValue(), removed)) {
                    changed = removed.add(e.getKey());
                }
            }
        }
        removed.forEach(resources::remove);
        functions().forEach((id, props) -> {
            if (props.get("Events") instanceof Map<?, ?> events) {
                events.values().removeIf(ev -> ev instanceof Map<?, ?> m && ("HttpApi".equals(m.get("Type")) || "Api".equals(m.get("Type"))));
            }
            props.replaceAll((k, v) -> placeholders(v));
        });
        if (root.get("Outputs") instanceof Map<?, ?> outputs) outputs.values().removeIf(o -> mentions(o, removed));
        if (root.get("Globals") instanceof Map<?, ?> globals) {
            ((Map<String, Object>) globals).remove("HttpApi");
            ((Map<String, Object>) globals).remove("Api");
        }
        return this;
    }

    Set<String> removedResources() { return removed; }

    String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resources() { return (Map<String, Object>) root.getOrDefault("Resources", new LinkedHashMap<>()); }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        resources().forEach((id, def) -> {
            if (type(def).equals(FUNCTION) && def instanceof Map<?, ?> d) {
                functions.put(id, (Map<String, Object>) ((Map<String, Object>) d).computeIfAbsent("Properties", k -> new LinkedHashMap<>()));
            }
        });
        return functions;
    }

    private static String type(Object def) { return def instanceof Map<?, ?> d ? String.valueOf(d.get("Type")) : ""; }

    /** Does this template value refer to one of {@code ids} (Ref, GetAtt, DependsOn, or ${Id} in a Sub)? */
    private static boolean mentions(Object node, Set<String> ids) {
        return switch (node) {
            case Map<?, ?> map -> map.entrySet().stream().anyMatch(e -> switch (String.valueOf(e.getKey())) {
                case "Ref" -> ids.contains(String.valueOf(e.getValue()));
                case "Fn::GetAtt" -> ids.contains(target(e.getValue()));
                case "Fn::Sub" -> subMentions(e.getValue(), ids);
                case "DependsOn" -> e.getValue() instanceof List<?> l ? l.stream().anyMatch(d -> ids.contains(String.valueOf(d))) : ids.contains(String.valueOf(e.getValue()));
                default -> mentions(e.getValue(), ids);
            });
            case List<?> list -> list.stream().anyMatch(item -> mentions(item, ids));
            case null, default -> false;
        };
    }

    private static boolean subMentions(Object sub, Set<String> ids) {
        String text = sub instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.getFirst()) : String.valueOf(sub);
        boolean inText = ids.stream().anyMatch(id -> text.contains("${" + id + "}") || text.contains("${" + id + "."));
        return inText || sub instanceof List<?> l && l.size() > 1 && mentions(l.get(1), ids);
    }

    private static String target(Object getAtt) {
        return getAtt instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.getFirst()) : String.valueOf(getAtt).split("\\.")[0];
    }

    /** References to removed resources become literals naming them. */
    private Object placeholders(Object node) {
        return switch (node) {
            case Map<?, ?> map when map.size() == 1 && map.containsKey("Ref") && removed.contains(String.valueOf(map.get("Ref"))) ->
                "removed-" + map.get("Ref");
            case Map<?, ?> map when map.size() == 1 && map.containsKey("Fn::GetAtt") && removed.contains(target(map.get("Fn::GetAtt"))) ->
                "arn:aws:local:::removed-" + target(map.get("Fn::GetAtt"));
            case Map<?, ?> map when map.size() == 1 && map.containsKey("Fn::Sub") -> {
                Object sub = map.get("Fn::Sub");
                if (sub instanceof String text) yield Map.of("Fn::Sub", substitute(text));
                if (sub instanceof List<?> l && !l.isEmpty()) {
                    List<Object> rewritten = new ArrayList<>(l);
                    rewritten.set(0, substitute(String.valueOf(l.getFirst())));
                    if (l.size() > 1) rewritten.set(1, placeholders(l.get(1)));
                    yield Map.of("Fn::Sub", rewritten);
                }
                yield map;
            }
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, placeholders(v)));
                yield copy;
            }
            case List<?> list -> list.stream().map(this::placeholders).toList();
            case null, default -> node;
        };
    }

    private String substitute(String text) {
        String result = text;
        for (String id : removed) result = result.replaceAll("\\$\\{" + id + "(\\.[A-Za-z.]+)?}", "removed-" + id);
        return result;
    }
}
