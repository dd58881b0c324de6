package dev.backplane.devstack.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target receives: the whole event (default), a constant {@code Input}, the part selected by {@code InputPath},
 * or an {@code InputTransformer} template filled from {@code InputPathsMap} (simple dotted JSONPaths like
 * {@code $.detail.id}). Values go in as JSON, strings inside quotes go in unquoted — EventBridge's rules.
 */
public sealed interface InputTransformation {
    String apply(JsonNode event, String ruleName, String ruleArn);

    static InputTransformation from(Object input, Object inputPath, Object transformer, String usedBy) {
        int set = (input != null ? 1 : 0) + (inputPath != null ? 1 : 0) + (transformer != null ? 1 : 0);
        if (set > 1) throw new TemplateException(usedBy + ": only one of Input, InputPath and InputTransformer may be set");
        if (input != null) return new Constant(input instanceof String s ? s : Json.text(input));
        if (inputPath != null) return new Path(JsonPath.compile(String.valueOf(inputPath), usedBy));
        if (transformer instanceof Map<?, ?> t) {
            Map<String, JsonPath> paths = new LinkedHashMap<>();
            if (t.get("InputPathsMap") instanceof Map<?, ?> m) m.forEach((k, v) -> paths.put(String.valueOf(k), JsonPath.compile(String.valueOf(v), usedBy)));
            Object template = t.get("InputTemplate");
            if (template == null) throw new TemplateException(usedBy + ": InputTransformer needs InputTemplate");
            return new Transformer(paths, String.valueOf(template));
        }
        return new WholeEvent();
    }

    record WholeEvent() implements InputTransformation {
        public String apply(JsonNode event, String ruleName, String ruleArn) { return event.toString(); }
    }

    record Constant(String json) implements InputTransformation {
        public String apply(JsonNode event, String ruleName, String ruleArn) { return json; }
    }

    record Path(JsonPath path) implements InputTransformation {
        public String apply(JsonNode event, String ruleName, String ruleArn) {
            JsonNode v = path.select(event);
            return v == null ? "" : v.toString();
        }
    }

    record Transformer(Map<String, JsonPath> paths, String template) implements InputTransformation {
        private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");

        public String apply(JsonNode event, String ruleName, String ruleArn) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            paths.forEach((name, path) -> values.put(name, path.select(event)));
            values.put("aws.events.rule-arn", TextNode.valueOf(ruleArn));
            values.put("aws.events.rule-name", TextNode.valueOf(ruleName));
            values.put("aws.events.event.ingestion-time", event.get("time"));
            values.put("aws.events.event", event);
            values.put("aws.events.event.json", event);
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                if (!values.containsKey(m.group(1))) {
                    m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                    continue;
                }
                JsonNode v = values.get(m.group(1));
                boolean quoted = m.start() > 0 && template.charAt(m.start() - 1) == '"';
                String text;
                if (v == null || v.isNull()) text = quoted ? "" : "null";
                else if (v.isTextual()) text = quoted ? Json.text(v.asText()).substring(1, Json.text(v.asText()).length() - 1) : v.asText();
                else text = v.toString();
                m.appendReplacement(out, Matcher.quoteReplacement(text));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    /** The dotted subset of JSONPath EventBridge input paths use in practice: $, $.a.b, $.a.b[0]. */
    record JsonPath(String[] steps) {
        static JsonPath compile(String path, String usedBy) {
            if (!path.equals("$") && !path.startsWith("$.")) throw new TemplateException(usedBy + ": unsupported input path " + path);
            if (path.contains("*") || path.contains("..") || path.contains("?")) throw new TemplateException(usedBy + ": devstack supports simple input paths only ($.a.b[0]), got " + path);
            return new JsonPath(path.equals("$") ? new String[0] : path.substring(2).replaceAll("\\[(\\d+)]", ".$1").split("\\."));
        }

        JsonNode select(JsonNode root) {
            JsonNode n = root;
            for (String step : steps) {
                if (n == null) return null;
                n = n.isArray() && step.chars().allMatch(Character::isDigit) ? n.get(Integer.parseInt(step)) : n.get(step);
            }
            return n;
        }
    }
}
