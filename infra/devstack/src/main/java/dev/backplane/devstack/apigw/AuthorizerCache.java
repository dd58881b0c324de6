// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ConcurrentHashMap;

/** Caches Lambda authorizer responses per identity-source values for the configured TTL, as API Gateway does. */
final class AuthorizerCache {
    private record Entry(JsonNode response, long expiresAtMillis) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    JsonNode get(String key) {
        Entry e = entries.get(key);
        if (e == null) return null;
        if (System.currentTimeMillis() >= e.expiresAtMillis) {
            entries.remove(key, e);
            return null;
        }
        return e.response;
    }

    void put(String key, JsonNode response, int ttlSeconds) {
        if (ttlSeconds > 0) entries.put(key, new Entry(response, System.currentTimeMillis() + ttlSeconds * 1000L));
    }
}
