// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backplane.devstack.lambda.Invoker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test side of the Invoker seam: real in-process Java functions. By default a function echoes the event it
 * received as a JSON body (so tests can assert the exact event shape through HTTP); tests can register other
 * handlers per function. Every event is recorded.
 */
final class InProcessFunctions implements Invoker {
    static final ObjectMapper JSON = new ObjectMapper();

    interface Handler {
        Object handle(JsonNode event) throws FunctionError;
    }

    record Call(String function, JsonNode event) {}

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();

    InProcessFunctions on(String function, Handler handler) {
        handlers.put(function, handler);
        return this;
    }

    @Override
    public byte[] invoke(String functionLogicalId, byte[] eventJson) throws FunctionError {
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add(new Call(functionLogicalId, event));
        Handler h = handlers.getOrDefault(functionLogicalId, InProcessFunctions::echo);
        Object result = h.handle(event);
        if (result instanceof byte[] raw) return raw;
        if (result instanceof RawJson raw) return raw.json.getBytes(StandardCharsets.UTF_8);
        try {
            return JSON.writeValueAsBytes(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A structured 2.0/1.0 response whose body is the event itself. */
    static Object echo(JsonNode event) {
        return Map.of("statusCode", 200, "headers", Map.of("content-type", "application/json"), "body", event.toString());
    }

    List<Call> callsTo(String function) {
        return calls.stream().filter(c -> c.function().equals(function)).toList();
    }

    /** A return value passed through verbatim (to test non-object and invalid JSON returns). */
    record RawJson(String json) {}
}
