// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.template.TemplateException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;

/**
 * An API Gateway mapping template: VTL rendered by Apache Velocity (the engine API Gateway's templates are written
 * for) with API Gateway's variables on top — {@code $input} ({@code body}, {@code json(path)}, {@code path(path)},
 * {@code params()}, {@code params(name)}), {@code $util} ({@code escapeJavaScript}, {@code base64Encode/Decode},
 * {@code urlEncode/Decode}, {@code parseJson}), {@code $context} and {@code $stageVariables}. As on API Gateway, a
 * reference to nothing renders as an empty string. Templates are parsed when the template is loaded, so a syntax
 * error stops startup naming where it is.
 */
public final class MappingTemplate {
    private static final RuntimeInstance VELOCITY = velocity();
    private static final Pattern JSON_PATH_STEP = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]|\\['([^']*)']");

    private final Template template;

    private MappingTemplate(Template template) { this.template = template; }

    static MappingTemplate parse(String text, String where) {
        try {
            Template t = new Template();
            t.setName(where);
            t.setRuntimeServices(VELOCITY);
            t.setData(VELOCITY.parse(new StringReader(text), t));
            t.initDocument();
            return new MappingTemplate(t);
        } catch (ParseException | RuntimeException e) {
            throw new TemplateException(where + ": the mapping template does not parse as VTL: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Renders for one request: {@code body} is the payload $input reads (the request's, or the service's answer). */
    String render(String body, Map<String, Map<String, String>> params, Map<String, Object> context, Map<String, String> stageVariables) {
        VelocityContext vars = new VelocityContext();
        vars.put("input", new Input(body, params));
        vars.put("util", new Util());
        vars.put("context", context);
        vars.put("stageVariables", stageVariables);
        EventCartridge events = new EventCartridge();
        events.addReferenceInsertionEventHandler(new NothingIsEmpty());
        events.attachToContext(vars);
        StringWriter out = new StringWriter();
        template.merge(vars, out);
        return out.toString();
    }

    /** API Gateway renders an undefined or null reference as nothing (plain Velocity would print the reference). */
    private static final class NothingIsEmpty implements ReferenceInsertionEventHandler {
        @Override
        public Object referenceInsert(org.apache.velocity.context.Context context, String reference, Object value) {
            return value == null ? "" : value;
        }
    }

    /** {@code $input}. Public for Velocity's introspection. */
    public static final class Input {
        private final String body;
        private final Map<String, Map<String, String>> params;

        Input(String body, Map<String, Map<String, String>> params) {
            this.body = body == null ? "" : body;
            this.params = params;
        }

        public String getBody() { return body; }

        /** The JSON text at a JSONPath of the payload ({@code $}, {@code $.a.b}, {@code $.a[0]}, {@code $['a']}). */
        public String json(String path) {
            JsonNode node = select(path);
            return node == null ? "" : node.toString();
        }

        /** The value at a JSONPath as an object (maps, lists, strings, numbers) for #foreach and property access. */
        public Object path(String path) {
            JsonNode node = select(path);
            return node == null || node.isNull() ? null : Json.MAPPER.convertValue(node, Object.class);
        }

        /** {@code {path: {…}, querystring: {…}, header: {…}}}. */
        public Map<String, Map<String, String>> params() { return params; }

        /** A parameter by name from the path, then the query string, then the headers. */
        public String params(String name) {
            for (String where : new String[] {"path", "querystring", "header"}) {
                Map<String, String> m = params.getOrDefault(where, Map.of());
                if (m.containsKey(name)) return m.get(name);
                if (where.equals("header")) {
                    for (var e : m.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
                }
            }
            return null;
        }

        private JsonNode select(String path) {
            JsonNode node = Json.parseOrNull(body.getBytes(StandardCharsets.UTF_8));
            if (node == null) return null;
            String p = path == null ? "$" : path.trim();
            if (!p.startsWith("$")) return null;
            Matcher m = JSON_PATH_STEP.matcher(p.substring(1));
            int at = 0;
            while (m.find()) {
                if (m.start() != at) return null;
                at = m.end();
                if (m.group(2) != null) node = node.path(Integer.parseInt(m.group(2)));
                else node = node.path(m.group(1) != null ? m.group(1) : m.group(3));
            }
            return at != p.length() - 1 || node.isMissingNode() ? null : node;
        }
    }

    /** {@code $util}. Public for Velocity's introspection. */
    public static final class Util {
        /** JavaScript string escaping as API Gateway does it (quotes, backslash, slash, control and non-ASCII characters). */
        public String escapeJavaScript(String s) {
            if (s == null) return "";
            StringBuilder out = new StringBuilder();
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\'' -> out.append("\\'");
                    case '\\' -> out.append("\\\\");
                    case '/' -> out.append("\\/");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04X", (int) c));
                        else out.append(c);
                    }
                }
            }
            return out.toString();
        }

        public String base64Encode(String s) { return s == null ? "" : Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

        public String base64Decode(String s) { return s == null ? "" : new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8); }

        public String urlEncode(String s) { return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8); }

        public String urlDecode(String s) { return s == null ? "" : URLDecoder.decode(s, StandardCharsets.UTF_8); }

        public Object parseJson(String s) {
            JsonNode node = s == null ? null : Json.parseOrNull(s.getBytes(StandardCharsets.UTF_8));
            return node == null ? null : Json.MAPPER.convertValue(node, Object.class);
        }
    }

    /** The {@code $context} of a REST API request: its requestContext fields, {@code authorizer} always a map. */
    static Map<String, Object> context(HttpCallContext c, GatewayRequest r, String resourcePath, Map<String, Object> authorizer) {
        Map<String, Object> context = new LinkedHashMap<>(RestEventV1.requestContext(r, c, resourcePath, resourcePath, authorizer));
        context.put("authorizer", authorizer == null ? Map.of() : authorizer);
        return context;
    }

    private static RuntimeInstance velocity() {
        RuntimeInstance velocity = new RuntimeInstance();
        velocity.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, false);
        velocity.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, false);
        velocity.setProperty(RuntimeConstants.RUNTIME_LOG_NAME, "devstack.vtl");
        velocity.init();
        return velocity;
    }

}
