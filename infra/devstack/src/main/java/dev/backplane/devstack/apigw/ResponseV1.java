// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Maps a Lambda proxy response under payload format 1.0: it must be an object with an integer statusCode; headers
 * and multiValueHeaders are merged. A malformed response is a 502 {"message": "Internal server error"} on REST APIs
 * (HTTP APIs answer 500 {"message":"Internal Server Error"}), exactly the messages AWS uses.
 */
final class ResponseV1 {
    private ResponseV1() {}

    static GatewayResponse map(byte[] payload, GatewayResponse malformed) {
        JsonNode n = Json.parseOrNull(payload);
        if (n == null || !n.isObject() || !n.has("statusCode") || !n.get("statusCode").canConvertToInt()) return malformed;
        int status = n.get("statusCode").asInt();
        if (status < 100 || status > 599) return malformed;
        HeaderList headers = new HeaderList();
        JsonNode single = n.get("headers");
        JsonNode multi = n.get("multiValueHeaders");
        if (multi != null && multi.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isArray()) e.getValue().forEach(v -> headers.add(e.getKey(), v.asText()));
            }
        }
        if (single != null && single.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = single.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // a name present in multiValueHeaders keeps only those values, as AWS merges them
                if (!e.getValue().isNull() && !headers.has(e.getKey())) headers.add(e.getKey(), e.getValue().asText());
            }
        }
        return new GatewayResponse(status, headers, ResponseV2.body(n));
    }
}
