package dev.backplane.devstack.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backplane.devstack.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The Lambda Runtime API (2018-06-01) for one execution environment, as the official runtime interface client
 * expects it: long-polled {@code GET invocation/next}, then {@code POST invocation/{id}/response|error}, or
 * {@code POST init/error} when the handler cannot even be constructed. One server per instance, like one
 * Runtime API per Lambda sandbox, so a timed-out instance can be killed without touching its siblings.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private final HttpServer server;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final String functionArn;
    private final int timeoutSeconds;
    private final Consumer<Invoker.FunctionError> onInitError;

    RuntimeApiServer(String functionArn, int timeoutSeconds, Consumer<Invoker.FunctionError> onInitError) {
        this.functionArn = functionArn;
        this.timeoutSeconds = timeoutSeconds;
        this.onInitError = onInitError;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a Runtime API port", e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of AWS_LAMBDA_RUNTIME_API for the instance. */
    String address() { return "127.0.0.1:" + server.getAddress().getPort(); }

    void submit(Invocation invocation) {
        inFlight.put(invocation.requestId, invocation);
        pending.add(invocation);
    }

    /** Fails every invocation of this instance (it crashed or was killed). */
    void failAll(Invoker.FunctionError error) {
        for (Invocation i : inFlight.values()) {
            i.delivered.completeExceptionally(error);
            i.result.completeExceptionally(error);
        }
        inFlight.clear();
        pending.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                onInitError.accept(error(exchange, "Runtime.InitError"));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/response".length()), false);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/error".length()), true);
            } else {
                reply(exchange, 404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"" + method + " " + path + " is not part of the Runtime API\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down
        }
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId);
        exchange.sendResponseHeaders(200, invocation.payload.length == 0 ? -1 : invocation.payload.length);
        exchange.getResponseBody().write(invocation.payload);
        invocation.delivered.complete(deadline);
    }

    private void complete(HttpExchange exchange, String requestId, boolean isError) throws IOException {
        Invocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"unknown request id " + requestId + "\"}");
            return;
        }
        try {
            if (isError) invocation.result.completeExceptionally(error(exchange, "Runtime.Unknown"));
            else invocation.result.complete(exchange.getRequestBody().readAllBytes());
        } catch (IOException | RuntimeException | Error e) {
            // never leave the caller waiting for its timeout because the answer could not be read
            invocation.result.completeExceptionally(new Invoker.FunctionError("Runtime.Unknown", "devstack could not read the runtime's answer: " + e));
            throw e;
        }
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }

    /** Reads Lambda's error document ({errorMessage, errorType, stackTrace}); the header names the type too. */
    private static Invoker.FunctionError error(HttpExchange exchange, String fallbackType) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode json = Json.tryParse(body);
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        String message = body;
        if (json != null && json.isObject()) {
            if (json.hasNonNull("errorType")) type = json.get("errorType").asText();
            message = json.path("errorMessage").asText("");
        }
        return new Invoker.FunctionError(type == null || type.isBlank() ? fallbackType : type, message);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
