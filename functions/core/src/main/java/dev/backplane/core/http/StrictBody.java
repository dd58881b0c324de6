package dev.backplane.core.http;

import dev.backplane.core.error.FieldError;
import dev.backplane.core.json.Json;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads an untrusted JSON body into a type with {@link Json#STRICT_INPUT}: every failure is a 400 naming the field
 * by its JSON path ({@code lines[0].quantity}) and the rule it broke ("must be an integer"), never a Java class. Text
 * that was not valid Unicode (unpaired surrogates, or U+FFFD where a gateway replaced invalid UTF-8) is refused too.
 */
final class StrictBody {
    private StrictBody() {}

    static <T> T read(String raw, Class<T> type) {
        JsonNode tree;
        try {
            tree = Json.STRICT_INPUT.readTree(raw);
        } catch (JacksonException e) {
            throw new HttpProblemException(400, "malformed-request", "Malformed request", "body is not valid JSON");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new HttpProblemException(400, "malformed-request", "Malformed request", "a JSON object is required");
        }
        checkText(tree, "");
        try {
            return Json.STRICT_INPUT.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw field(path(e), "unknown field");
        } catch (MismatchedInputException e) {
            throw field(path(e), rule(e.getTargetType()));
        } catch (JacksonException e) {
            throw field(path(e), "out of range or of the wrong type");
        }
    }

    /** Valid Unicode everywhere: in names as in values. */
    private static void checkText(JsonNode node, String at) {
        if (node.isString() && !validUnicode(node.asString())) throw encoding(at);
        if (node.isArray()) for (int i = 0; i < node.size(); i++) checkText(node.get(i), at + "[" + i + "]");
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                if (!validUnicode(e.getKey())) throw encoding(at.isEmpty() ? "body" : at);
                checkText(e.getValue(), child);
            }
        }
    }

    static boolean validUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD') return false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            else if (ref.getIndex() >= 0) path.append('[').append(ref.getIndex()).append(']');
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String rule(Class<?> target) {
        if (target == null) return "wrong type";
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
            || target == Short.class || target == short.class) return "must be an integer";
        if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) return "must be a number";
        if (target == String.class) return "must be a string";
        if (target == Boolean.class || target == boolean.class) return "must be true or false";
        if (Collection.class.isAssignableFrom(target) || target.isArray()) return "must be an array";
        return "must be an object";
    }

    private static HttpProblemException field(String name, String rule) {
        return new HttpProblemException(400, "malformed-request", "Malformed request", name + ": " + rule, List.of(new FieldError(name, rule)));
    }

    private static HttpProblemException encoding(String at) {
        String name = at.isEmpty() ? "body" : at;
        return new HttpProblemException(400, "invalid-encoding", "Invalid text encoding", name + ": not valid UTF-8 text",
            List.of(new FieldError(name, "must be valid UTF-8 text")));
    }
}
