package dev.backplane.devstack.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stripe's request encoding: {@code application/x-www-form-urlencoded} with bracket paths
 * ({@code line_items[0][price_data][unit_amount]=2490}, {@code metadata[orderId]=ord_1}) read into nested maps;
 * numeric indexes become lists.
 */
final class FormBody {
    private FormBody() {}

    static Map<String, Object> parse(String body) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (body == null || body.isBlank()) return root;
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            put(root, path(key), value);
        }
        return normalize(root);
    }

    private static List<String> path(String key) {
        List<String> parts = new ArrayList<>();
        int bracket = key.indexOf('[');
        parts.add(bracket < 0 ? key : key.substring(0, bracket));
        while (bracket >= 0) {
            int close = key.indexOf(']', bracket);
            parts.add(key.substring(bracket + 1, close));
            bracket = key.indexOf('[', close);
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(path.get(i), k -> new LinkedHashMap<String, Object>());
        }
        node.put(path.getLast(), value);
    }

    /** Maps whose keys are all 0..n-1 become lists (Stripe's array encoding). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalize(Map<String, Object> map) {
        map.replaceAll((k, v) -> v instanceof Map<?, ?> m ? listOrMap(normalize((Map<String, Object>) m)) : v);
        return map;
    }

    private static Object listOrMap(Map<String, Object> map) {
        for (int i = 0; i < map.size(); i++) if (!map.containsKey(Integer.toString(i))) return map;
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) list.add(map.get(Integer.toString(i)));
        return list;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> strings(Object node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> m) ((Map<String, Object>) m).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
