package dev.backplane.core.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the functions (Jackson 3, as Spring Cloud Function 5 uses). */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();

    /**
     * For untrusted request bodies: no coercion at all — 1.5 and "1" are not integers, 7 is not a string, unknown
     * fields fail. Kept apart from {@link #MAPPER}, which reads our own stored data and events.
     */
    public static final JsonMapper STRICT_INPUT = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build();

    private Json() {}

    public static String write(Object value) { return MAPPER.writeValueAsString(value); }

    public static <T> T read(String json, Class<T> type) { return MAPPER.readValue(json, type); }

    public static JsonNode tree(String json) { return MAPPER.readTree(json); }

    public static JsonNode toTree(Object value) { return MAPPER.valueToTree(value); }

    public static <T> T convert(JsonNode node, Class<T> type) { return MAPPER.treeToValue(node, type); }

    public static ObjectNode object() { return MAPPER.createObjectNode(); }
}
