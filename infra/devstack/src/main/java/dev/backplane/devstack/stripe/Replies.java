package dev.backplane.devstack.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Stripe-shaped responses: JSON bodies, errors as {@code {"error":{"type","code","message"}}}. */
final class Replies {
    private Replies() {}

    static ObjectNode error(String type, String code, String message) {
        ObjectNode root = StripeSimulator.JSON.createObjectNode();
        ObjectNode error = root.putObject("error").put("type", type).put("message", message);
        if (code != null) error.put("code", code);
        return root;
    }

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", body.toString());
    }

    static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Request-Id", "req_" + Ids.random());
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
