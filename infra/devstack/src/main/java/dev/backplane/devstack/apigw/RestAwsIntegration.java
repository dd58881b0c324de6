// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.template.TemplateException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A REST API route with an AWS service integration ({@code type: aws}) on devstack's own services: SQS
 * ({@code uri: arn:aws:apigateway:{region}:sqs:path/{account}/{queue}}, the rendered form posted to the queue) and
 * EventBridge ({@code uri: arn:aws:apigateway:{region}:events:action/PutEvents}, the rendered JSON sent as PutEvents).
 * The request template is chosen by content type ({@code passthroughBehavior} decides what happens without one),
 * {@code requestParameters} set integration headers from literals or method request values, and the service's answer
 * goes through the integration response whose selection pattern matches its status ({@code default} otherwise),
 * with that response's {@code responseTemplates} and {@code responseParameters}.
 */
final class RestAwsIntegration {
    private static final Pattern SQS_URI = Pattern.compile("arn:[^:]+:apigateway:[^:]*:sqs:path/(.+)");
    private static final Pattern EVENTS_URI = Pattern.compile("arn:[^:]+:apigateway:[^:]*:events:action/PutEvents");
    private static final Pattern METHOD_VALUE = Pattern.compile("method\\.request\\.(header|querystring|path)\\.(.+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> KNOWN = Set.of("type", "uri", "httpMethod", "credentials", "requestParameters", "requestTemplates",
        "passthroughBehavior", "responses", "timeoutInMillis", "contentHandling", "cacheNamespace", "cacheKeyParameters");

    private record Response(Pattern selection, String statusCode, Map<String, MappingTemplate> templates, Map<String, String> headers) {}

    private final String endpointVariable;
    private final String path;
    private final Map<String, String> defaultHeaders;
    private final Map<String, String> requestParameters;
    private final Map<String, MappingTemplate> requestTemplates;
    private final String passthrough;
    private final List<Response> responses;
    private final Response defaultResponse;
    private final Supplier<Map<String, String>> endpoints;

    private RestAwsIntegration(String endpointVariable, String path, Map<String, String> defaultHeaders, Map<String, String> requestParameters,
                               Map<String, MappingTemplate> requestTemplates, String passthrough, List<Response> responses,
                               Response defaultResponse, Supplier<Map<String, String>> endpoints) {
        this.endpointVariable = endpointVariable;
        this.path = path;
        this.defaultHeaders = defaultHeaders;
        this.requestParameters = requestParameters;
        this.requestTemplates = requestTemplates;
        this.passthrough = passthrough;
        this.responses = responses;
        this.defaultResponse = defaultResponse;
        this.endpoints = endpoints;
    }

    static boolean handles(Object uri) {
        String u = String.valueOf(uri);
        return SQS_URI.matcher(u).matches() || EVENTS_URI.matcher(u).matches();
    }

    static RestAwsIntegration of(Map<String, Object> integration, Supplier<Map<String, String>> endpoints, String where) {
        TemplateReads.requireKnown(integration, KNOWN, Set.of(), where);
        String uri = String.valueOf(integration.get("uri"));
        Matcher sqs = SQS_URI.matcher(uri);
        String variable;
        String path;
        Map<String, String> headers = new LinkedHashMap<>();
        if (sqs.matches()) {
            variable = "AWS_ENDPOINT_URL_SQS";
            path = "/" + sqs.group(1);
            headers.put("Content-Type", "application/x-www-form-urlencoded");
        } else {
            variable = "AWS_ENDPOINT_URL_EVENTBRIDGE";
            path = "/";
            headers.put("Content-Type", "application/x-amz-json-1.1");
            headers.put("X-Amz-Target", "AWSEvents.PutEvents");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        TemplateReads.map(integration.get("requestParameters"), where + ".requestParameters").forEach((k, v) -> {
            if (!k.startsWith("integration.request.header.")) {
                throw new TemplateException(where + ".requestParameters." + k + ": devstack maps integration.request.header.* for AWS "
                    + "integrations (e.g. Content-Type, X-Amz-Target); put other values into the request template");
            }
            String value = String.valueOf(v);
            if (!(value.startsWith("'") && value.endsWith("'")) && !METHOD_VALUE.matcher(value).matches()) {
                throw new TemplateException(where + ".requestParameters." + k + ": '" + value + "' is neither a 'literal' nor method.request.header|querystring|path.X");
            }
            parameters.put(k.substring("integration.request.header.".length()), value);
        });
        Map<String, MappingTemplate> templates = templates(integration.get("requestTemplates"), where + ".requestTemplates");
        String passthrough = String.valueOf(integration.getOrDefault("passthroughBehavior", "when_no_match")).toLowerCase(Locale.ROOT);
        if (!Set.of("when_no_match", "when_no_templates", "never").contains(passthrough)) {
            throw new TemplateException(where + ".passthroughBehavior: one of when_no_match, when_no_templates, never, not " + passthrough);
        }
        List<Response> responses = new java.util.ArrayList<>();
        Response fallback = null;
        for (var e : TemplateReads.map(integration.get("responses"), where + ".responses").entrySet()) {
            String at = where + ".responses." + e.getKey();
            Map<String, Object> r = TemplateReads.map(e.getValue(), at);
            TemplateReads.requireKnown(r, Set.of("statusCode", "responseTemplates", "responseParameters"), Set.of("contentHandling"), at);
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            TemplateReads.map(r.get("responseParameters"), at + ".responseParameters").forEach((k, v) ->
                responseHeaders.put(k.replaceFirst("^method\\.response\\.header\\.", ""), String.valueOf(v)));
            Response response = new Response(e.getKey().equals("default") ? null : Pattern.compile(e.getKey()),
                String.valueOf(r.getOrDefault("statusCode", "200")), templates(r.get("responseTemplates"), at + ".responseTemplates"), responseHeaders);
            if (response.selection() == null) fallback = response;
            else responses.add(response);
        }
        return new RestAwsIntegration(variable, path, headers, parameters, templates, passthrough, responses, fallback, endpoints);
    }

    private static Map<String, MappingTemplate> templates(Object raw, String where) {
        Map<String, MappingTemplate> out = new LinkedHashMap<>();
        TemplateReads.map(raw, where).forEach((type, text) -> out.put(type, MappingTemplate.parse(String.valueOf(text), where + "." + type)));
        return out;
    }

    /** Calls the service for one request and maps its answer. */
    GatewayResponse call(GatewayRequest request, Map<String, String> pathParameters, Map<String, Object> context, Map<String, String> stageVariables) {
        String contentType = request.headers().first("content-type");
        String type = contentType == null ? "application/json" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        String body = new String(request.body(), StandardCharsets.UTF_8);
        Map<String, Map<String, String>> params = params(request, pathParameters);
        MappingTemplate template = requestTemplates.get(type);
        String payload;
        if (template != null) payload = template.render(body, params, context, stageVariables);
        else if (passthrough.equals("never") || (passthrough.equals("when_no_templates") && !requestTemplates.isEmpty())) {
            return GatewayResponse.message(415, "Unsupported Media Type");
        } else payload = body;
        Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        requestParameters.forEach((name, value) -> {
            String v = value.startsWith("'") ? value.substring(1, value.length() - 1) : methodValue(value, params);
            if (v != null) headers.put(name, v);
        });
        HttpResponse<String> answer;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoints.get().get(endpointVariable) + path))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).timeout(Duration.ofSeconds(29));
            headers.forEach(b::header);
            answer = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return GatewayResponse.message(500, "Internal server error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayResponse.message(500, "Internal server error");
        }
        Response response = responses.stream().filter(r -> r.selection().matcher(String.valueOf(answer.statusCode())).matches())
            .findFirst().orElse(defaultResponse);
        if (response == null) return GatewayResponse.message(500, "Internal server error"); // no integration response mapped (as on AWS)
        MappingTemplate out = response.templates().getOrDefault("application/json",
            response.templates().isEmpty() ? null : response.templates().values().iterator().next());
        String responseBody = out == null ? answer.body() : out.render(answer.body(), params, context, stageVariables);
        HeaderList responseHeaders = new HeaderList().add("content-type", "application/json");
        response.headers().forEach((name, value) -> {
            String v = value.startsWith("'") ? value.substring(1, value.length() - 1)
                : value.startsWith("integration.response.header.") ? answer.headers().firstValue(value.substring(28)).orElse(null) : null;
            if (v != null) responseHeaders.set(name, v);
        });
        int status;
        try {
            status = Integer.parseInt(response.statusCode());
        } catch (NumberFormatException e) {
            status = 200;
        }
        return new GatewayResponse(status, responseHeaders, responseBody.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Map<String, String>> params(GatewayRequest request, Map<String, String> pathParameters) {
        Map<String, String> query = new LinkedHashMap<>();
        request.queryParameters().forEach((k, v) -> query.put(k, v.getLast()));
        Map<String, String> header = new LinkedHashMap<>();
        request.headers().fields().forEach(f -> header.put(f.name(), f.value()));
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        params.put("path", Map.copyOf(pathParameters));
        params.put("querystring", query);
        params.put("header", header);
        return params;
    }

    private static String methodValue(String expression, Map<String, Map<String, String>> params) {
        Matcher m = METHOD_VALUE.matcher(expression);
        if (!m.matches()) return null;
        Map<String, String> values = params.getOrDefault(m.group(1), Map.of());
        if (m.group(1).equals("header")) {
            for (var e : values.entrySet()) if (e.getKey().equalsIgnoreCase(m.group(2))) return e.getValue();
            return null;
        }
        return values.get(m.group(2));
    }
}
