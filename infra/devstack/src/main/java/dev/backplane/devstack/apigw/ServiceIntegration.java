// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.template.TemplateException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An HTTP API's first-class AWS service integration ({@code x-amazon-apigateway-integration} with an
 * {@code integrationSubtype}): the {@code requestParameters} are mapped from the request ({@code $request.body.x},
 * {@code $request.body}, {@code $request.header.x}, {@code $request.querystring.x}, {@code $request.path.x},
 * {@code $context.requestId}, {@code $stageVariables.x}, or a literal) and sent to devstack's SQS or EventBridge with
 * the service's JSON protocol; the service's answer is the response, as API Gateway returns it.
 */
record ServiceIntegration(String subtype, Map<String, String> parameters, Supplier<Map<String, String>> endpoints) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Subtype → (endpoint variable, X-Amz-Target, content type, parameters, required parameters). */
    private record Operation(String endpoint, String target, String contentType, Set<String> parameters, Set<String> required) {}

    private static final Map<String, Operation> OPERATIONS = Map.of(
        "SQS-SendMessage", new Operation("AWS_ENDPOINT_URL_SQS", "AmazonSQS.SendMessage", "application/x-amz-json-1.0",
            Set.of("QueueUrl", "MessageBody", "DelaySeconds", "MessageDeduplicationId", "MessageGroupId", "Region"), Set.of("QueueUrl", "MessageBody")),
        "SQS-ReceiveMessage", new Operation("AWS_ENDPOINT_URL_SQS", "AmazonSQS.ReceiveMessage", "application/x-amz-json-1.0",
            Set.of("QueueUrl", "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds", "Region"), Set.of("QueueUrl")),
        "SQS-DeleteMessage", new Operation("AWS_ENDPOINT_URL_SQS", "AmazonSQS.DeleteMessage", "application/x-amz-json-1.0",
            Set.of("QueueUrl", "ReceiptHandle", "Region"), Set.of("QueueUrl", "ReceiptHandle")),
        "EventBridge-PutEvents", new Operation("AWS_ENDPOINT_URL_EVENTBRIDGE", "AWSEvents.PutEvents", "application/x-amz-json-1.1",
            Set.of("Detail", "DetailType", "Source", "EventBusName", "Resources", "Time", "TraceHeader", "Region"), Set.of("Detail", "DetailType", "Source")));
    private static final Set<String> NUMBERS = Set.of("DelaySeconds", "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds");

    /** Validates the subtype and parameters at load time, naming where. */
    static ServiceIntegration of(Object subtype, Object requestParameters, Supplier<Map<String, String>> endpoints, String where) {
        Operation op = OPERATIONS.get(String.valueOf(subtype));
        if (op == null) {
            throw new TemplateException(where + ".integrationSubtype: devstack emulates " + OPERATIONS.keySet() + ", got " + subtype
                + "; run that route against AWS or put a function in front of the service");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        TemplateReads.map(requestParameters, where + ".requestParameters").forEach((k, v) -> parameters.put(k, String.valueOf(v)));
        for (String name : parameters.keySet()) {
            if (!op.parameters().contains(name)) throw new TemplateException(where + ".requestParameters." + name + " is not a parameter of " + subtype + " " + op.parameters());
        }
        for (String name : op.required()) {
            if (!parameters.containsKey(name)) throw new TemplateException(where + ".requestParameters." + name + " is required for " + subtype);
        }
        return new ServiceIntegration(String.valueOf(subtype), parameters, endpoints);
    }

    GatewayResponse call(GatewayRequest request, Map<String, String> pathParameters, HttpCallContext context) {
        Operation op = OPERATIONS.get(subtype);
        JsonNode body = Json.tryParse(new String(request.body(), StandardCharsets.UTF_8));
        Map<String, String> values = new LinkedHashMap<>();
        parameters.forEach((name, expression) -> {
            String value = resolve(expression, request, body, pathParameters, context);
            if (value != null && !name.equals("Region")) values.put(name, value);
        });
        for (String name : op.required()) {
            if (values.get(name) == null) return GatewayResponse.message(400, "Bad Request: " + name + " is missing from the request");
        }
        ObjectNode payload = Json.object();
        if (subtype.equals("EventBridge-PutEvents")) {
            ObjectNode entry = payload.putArray("Entries").addObject();
            values.forEach((name, value) -> {
                if (name.equals("Resources")) entry.putArray(name).add(value);
                else entry.put(name, value);
            });
        } else {
            values.forEach((name, value) -> {
                if (NUMBERS.contains(name)) payload.put(name, Integer.parseInt(value));
                else payload.put(name, value);
            });
        }
        String endpoint = endpoints.get().get(op.endpoint());
        try {
            HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("X-Amz-Target", op.target()).header("Content-Type", op.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(payload.toString())).timeout(Duration.ofSeconds(29)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            return new GatewayResponse(answer.statusCode(), new HeaderList().add("content-type", "application/json"), answer.body());
        } catch (java.io.IOException e) {
            return GatewayResponse.message(500, "Internal Server Error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayResponse.message(500, "Internal Server Error");
        }
    }

    /** One parameter mapping value: a request/context reference, or a literal. */
    private static String resolve(String expression, GatewayRequest request, JsonNode body, Map<String, String> pathParameters,
                                  HttpCallContext context) {
        if (expression.equals("$request.body")) return new String(request.body(), StandardCharsets.UTF_8);
        if (expression.startsWith("$request.body.")) {
            if (body == null) return null;
            JsonNode node = body;
            for (String part : expression.substring("$request.body.".length()).split("\\.")) node = node.path(part);
            if (node.isMissingNode() || node.isNull()) return null;
            return node.isValueNode() ? node.asText() : node.toString();
        }
        if (expression.startsWith("$request.header.")) return request.headers().first(expression.substring("$request.header.".length()));
        if (expression.startsWith("$request.querystring.")) {
            List<String> values = request.queryParameters().get(expression.substring("$request.querystring.".length()));
            return values == null || values.isEmpty() ? null : String.join(",", values);
        }
        if (expression.startsWith("$request.path.")) return pathParameters.get(expression.substring("$request.path.".length()));
        if (expression.equals("$context.requestId")) return context.requestId();
        if (expression.startsWith("$stageVariables.")) return context.stageVariables().get(expression.substring("$stageVariables.".length()));
        return expression;
    }
}
