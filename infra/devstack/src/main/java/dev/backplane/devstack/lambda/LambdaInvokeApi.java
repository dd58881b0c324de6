package dev.backplane.devstack.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backplane.devstack.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda API's {@code Invoke} and {@code ListFunctions} ({@code /2015-03-31/functions/...}), so any Lambda client
 * — an SDK pointed at devstack with {@code endpointOverride}, or a hybrid devstack — can call the template's
 * functions. A function is named by its name, ARN or logical id. {@code X-Amz-Invocation-Type}:
 * {@code RequestResponse} (default; 200 with the payload, or 200 with Lambda's error document and
 * {@code X-Amz-Function-Error: Unhandled}), {@code Event} (202, retried and dead-lettered like any async invoke),
 * {@code DryRun} (204). Errors of the call itself carry {@code x-amzn-ErrorType} as the SDKs expect.
 */
public final class LambdaInvokeApi implements HttpHandler {
    public static final String PREFIX = "/2015-03-31/functions";
    private final LambdaRuntime lambda;

    public LambdaInvokeApi(LambdaRuntime lambda) { this.lambda = lambda; }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && (path.isEmpty() || path.equals("/"))) {
                reply(exchange, 200, listFunctions().toString(), null);
                return;
            }
            String[] parts = path.split("/");
            if (!method.equals("POST") || parts.length != 3 || !parts[2].equals("invocations")) {
                error(exchange, 404, "UnknownOperationException", "devstack's Lambda API implements Invoke and ListFunctions, not " + method + " " + PREFIX + path);
                return;
            }
            byte[] event = exchange.getRequestBody().readAllBytes();
            String name = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            FunctionConfig function;
            try {
                function = lambda.functionByAnyName(name.replaceFirst("(:function:[^:]+):[^:]+$", "$1")); // a qualifier is $LATEST here
            } catch (IllegalArgumentException e) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + name);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            switch (type == null ? "RequestResponse" : type) {
                case "RequestResponse" -> {
                    try {
                        reply(exchange, 200, new String(lambda.invoke(function.logicalId(), event.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : event),
                            StandardCharsets.UTF_8), null);
                    } catch (Invoker.FunctionError e) {
                        reply(exchange, 200, Json.object().put("errorType", e.errorType()).put("errorMessage", e.getMessage()).toString(), "Unhandled");
                    }
                }
                case "Event" -> {
                    lambda.invokeAsync(function.logicalId(), event);
                    reply(exchange, 202, "", null);
                }
                case "DryRun" -> reply(exchange, 204, "", null);
                default -> error(exchange, 400, "InvalidParameterValueException", "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, not " + type);
            }
        }
    }

    private ObjectNode listFunctions() {
        ObjectNode out = Json.object();
        ArrayNode functions = out.putArray("Functions");
        lambda.functionIds().stream().sorted().map(lambda::function).forEach(f -> functions.addObject()
            .put("FunctionName", f.functionName()).put("FunctionArn", f.arn()).put("Handler", f.handler())
            .put("MemorySize", f.memoryMb()).put("Timeout", f.timeoutSeconds()));
        return out;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        reply(exchange, status, Json.object().put("Type", "User").put("message", message).toString(), null);
    }

    private static void reply(HttpExchange exchange, int status, String body, String functionError) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        if (functionError != null) exchange.getResponseHeaders().set("X-Amz-Function-Error", functionError);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    }
}
