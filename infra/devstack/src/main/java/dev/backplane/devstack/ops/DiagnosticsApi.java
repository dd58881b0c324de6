package dev.backplane.devstack.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.lambda.LambdaRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code POST /_devstack/faults {service, operation, durationMs}} switches an injected failure on (durationMs 0: off);
 * {@code GET /_devstack/faults} lists the active ones. {@code GET /_devstack/stats}: invocations and function errors
 * since start, function JVMs (in all, the budget, their resident memory), warm instances per function, queue
 * depths (visible / in flight) and injected faults — what an operator looks at first when something seems stuck.
 */
public final class DiagnosticsApi implements HttpHandler {
    private final FaultSwitch faults;
    private final LambdaRuntime lambda;
    private final SqsClient sqs;
    private final Supplier<Map<String, String>> queueUrls;

    public DiagnosticsApi(FaultSwitch faults, LambdaRuntime lambda, SqsClient sqs, Supplier<Map<String, String>> queueUrls) {
        this.faults = faults;
        this.lambda = lambda;
        this.sqs = sqs;
        this.queueUrls = queueUrls;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.endsWith("/faults") && method.equals("POST")) setFault(exchange);
            else if (path.endsWith("/faults") && method.equals("GET")) reply(exchange, 200, faultsJson());
            else if (path.endsWith("/stats") && method.equals("GET")) reply(exchange, 200, stats());
            else reply(exchange, 404, Json.object().put("message", "unknown admin call " + method + " " + path));
        }
    }

    private void setFault(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = Json.parse(exchange.getRequestBody().readAllBytes());
        } catch (UncheckedIOException e) {
            reply(exchange, 400, Json.object().put("message", "body must be JSON {service, operation, durationMs}"));
            return;
        }
        String service = body.path("service").asText("");
        String operation = body.path("operation").asText("");
        if (service.isBlank() || operation.isBlank() || !body.path("durationMs").canConvertToLong()) {
            reply(exchange, 400, Json.object().put("message", "service, operation and durationMs are required"));
            return;
        }
        faults.set(service, operation, Duration.ofMillis(body.path("durationMs").asLong()));
        reply(exchange, 200, faultsJson());
    }

    private ObjectNode faultsJson() {
        ObjectNode out = Json.object();
        ObjectNode active = out.putObject("active");
        faults.active().forEach(active::put);
        out.put("injected", faults.injected());
        return out;
    }

    /** What {@code GET /_devstack/stats} answers (the live status line reads the same). */
    public ObjectNode stats() {
        ObjectNode out = Json.object();
        out.put("invocations", lambda.invocations()).put("functionErrors", lambda.functionErrors());
        int total = lambda.functionIds().stream().mapToInt(lambda::instances).sum();
        out.put("instances", total).put("maxJvms", lambda.limits().maxJvms()).put("functionRssMb", lambda.residentKb() / 1024);
        ObjectNode functions = out.putObject("warmInstances");
        lambda.functionIds().stream().sorted().forEach(id -> {
            int n = lambda.instances(id);
            if (n > 0) functions.put(id, n);
        });
        ObjectNode queues = out.putObject("queues");
        new TreeMap<>(queueUrls.get()).forEach((id, url) -> {
            var attrs = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            queues.putObject(id)
                .put("visible", Long.parseLong(attrs.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")))
                .put("inFlight", Long.parseLong(attrs.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
        });
        out.set("faults", faultsJson());
        return out;
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
