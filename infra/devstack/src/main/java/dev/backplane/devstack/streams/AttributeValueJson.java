package dev.backplane.devstack.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.Json;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB attribute values in DynamoDB JSON ({"S": "x"}, {"N": "1"}, {"M": {...}}, …), as stream events carry them. */
public final class AttributeValueJson {
    private AttributeValueJson() {}

    public static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode out = Json.object();
        item.forEach((name, value) -> out.set(name, value(value)));
        return out;
    }

    public static ObjectNode value(AttributeValue v) {
        ObjectNode out = Json.object();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case B -> out.put("B", base64(v.b()));
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            case SS -> v.ss().forEach(out.putArray("SS")::add);
            case NS -> v.ns().forEach(out.putArray("NS")::add);
            case BS -> {
                ArrayNode bs = out.putArray("BS");
                v.bs().forEach(b -> bs.add(base64(b)));
            }
            case M -> out.set("M", item(v.m()));
            case L -> {
                ArrayNode l = out.putArray("L");
                v.l().forEach(e -> l.add(value(e)));
            }
            default -> throw new IllegalArgumentException("unknown DynamoDB attribute type " + v.type());
        }
        return out;
    }

    private static String base64(SdkBytes b) { return Base64.getEncoder().encodeToString(b.asByteArray()); }
}
