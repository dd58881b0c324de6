// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Maps a function's return value to the HTTP response under payload format 2.0: an object with statusCode is a
 * structured response; any other valid JSON (string, number, object without statusCode) becomes a 200 with the
 * JSON as an application/json body; anything that is not JSON is a 500, as API Gateway does.
 */
final class ResponseV2 {
    private ResponseV2() {}

    static GatewayResponse map(byte[] payload) {
        JsonNode n = Json.parseOrNull(payload);
        if (n == null || n.isMissingNode()) return GatewayResponse.message(500, "Internal Server Error");
        if (!n.isObject() || !n.has("statusCode")) {
            HeaderList h = new HeaderList().add("content-type", "application/json");
            return new GatewayResponse(200, h, payload);
        }
        JsonNode status = n.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            return GatewayResponse.message(500, "Internal Server Error");
        }
        HeaderList headers = new HeaderList();
        JsonNode h = n.get("headers");
        if (h != null && h.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) headers.add(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode cookies = n.get("cookies");
        if (cookies != null && cookies.isArray()) cookies.forEach(c -> headers.add("set-cookie", c.asText()));
        return new GatewayResponse(status.asInt(), headers, body(n));
    }

    static byte[] body(JsonNode n) {
        JsonNode body = n.get("body");
        if (body == null || body.isNull()) return new byte[0];
        String text = body.isTextual() ? body.asText() : body.toString();
        if (n.path("isBase64Encoded").asBoolean(false)) return Base64.getMimeDecoder().decode(text);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
