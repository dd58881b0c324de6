// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.template.TemplateException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket route integrated with SQS (IntegrationType AWS, IntegrationUri
 * {@code arn:aws:apigateway:{region}:sqs:path/{account}/{queue}}): its request template — the mapping-template subset
 * such integrations use: {@code $input.body}, {@code $input.json('…')}, {@code $input.path('…')},
 * {@code $util.urlEncode(…)}, {@code $context.connectionId|requestId|routeKey} — renders the SQS query-protocol form
 * that is posted to the queue in devstack's SQS.
 */
record SqsRouteIntegration(String queuePath, Map<String, String> templates, String selected, Supplier<Map<String, String>> endpoints) {
    /** SQS's answer to one rendered request. */
    record Delivery(int status, String body) {}

    private static final Pattern SQS_URI = Pattern.compile("arn:[^:]+:apigateway:[^:]*:sqs:path/(.+)");
    private static final Pattern URL_ENCODE = Pattern.compile("\\$util\\.urlEncode\\(([^()]*(?:\\([^()]*\\))?)\\)");
    private static final Pattern REFERENCE = Pattern.compile("\\$input\\.body|\\$input\\.(json|path)\\('([^']*)'\\)|\\$context\\.(connectionId|requestId|routeKey)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static boolean isSqs(Object integrationUri) { return integrationUri != null && SQS_URI.matcher(String.valueOf(integrationUri)).matches(); }

    /**
     * Validates the templates at load time. {@code selection}: the one template key to use (a WebSocket route's
     * TemplateSelectionExpression), or null to choose by the request's content type (REST APIs).
     */
    static SqsRouteIntegration of(Object integrationUri, Object requestTemplates, Object selection, Supplier<Map<String, String>> endpoints, String where) {
        Matcher uri = SQS_URI.matcher(String.valueOf(integrationUri));
        if (!uri.matches()) throw new TemplateException(where + " uri must be arn:aws:apigateway:{region}:sqs:path/{account}/{queue}");
        Map<String, String> templates = new java.util.LinkedHashMap<>();
        TemplateReads.map(requestTemplates, where + ".RequestTemplates").forEach((k, v) -> templates.put(k, String.valueOf(v)));
        String key = selection == null ? null : String.valueOf(selection).replace("\\$", "$");
        if (templates.isEmpty() || (key != null && !templates.containsKey(key))) {
            throw new TemplateException(where + ".RequestTemplates needs a template" + (key == null ? "" : " for '" + key + "'")
                + " (e.g. Action=SendMessage&MessageBody=$util.urlEncode($input.body))");
        }
        for (String template : templates.values()) {
            String rest = REFERENCE.matcher(URL_ENCODE.matcher(template).replaceAll("$1")).replaceAll("");
            int unknown = rest.indexOf('$');
            if (unknown >= 0) {
                throw new TemplateException(where + ".RequestTemplates: devstack renders $input.body, $input.json/path('…'), $util.urlEncode(…) and "
                    + "$context.connectionId/requestId/routeKey; not '" + rest.substring(unknown, Math.min(rest.length(), unknown + 30)) + "'");
            }
        }
        return new SqsRouteIntegration(uri.group(1), Map.copyOf(templates), key, endpoints);
    }

    /** Renders the template for one message and posts it; true when SQS accepted it. */
    boolean send(String body, String connectionId, String requestId, String routeKey) {
        return deliver(null, body, Map.of("connectionId", connectionId, "requestId", requestId, "routeKey", routeKey)).status() == 200;
    }

    /** Renders the template chosen for {@code contentType} and posts it to the queue; SQS's answer (500 if unreachable). */
    Delivery deliver(String contentType, String body, Map<String, String> context) {
        String template = selected != null ? templates.get(selected)
            : templates.getOrDefault(contentType == null ? "application/json" : contentType.split(";")[0].trim(),
                templates.getOrDefault("application/json", templates.values().iterator().next()));
        Matcher encoded = URL_ENCODE.matcher(template);
        StringBuilder first = new StringBuilder();
        while (encoded.find()) {
            String value = render(encoded.group(1), body, context);
            encoded.appendReplacement(first, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        encoded.appendTail(first);
        String form = render(first.toString(), body, context).strip();
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.get().get("AWS_ENDPOINT_URL_SQS") + "/" + queuePath))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(29)).build(), HttpResponse.BodyHandlers.ofString());
            return new Delivery(answer.statusCode(), answer.body());
        } catch (java.io.IOException e) {
            return new Delivery(500, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(500, "");
        }
    }

    private static String render(String text, String body, Map<String, String> context) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(3) != null) value = context.get(m.group(3));
            else if (m.group(1) == null) value = body;
            else value = select(body, m.group(2), m.group(1).equals("json"));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** $input.json('$.a.b') (JSON text) or $input.path('$.a.b') (a value's text) on the message body. */
    private static String select(String body, String path, boolean asJson) {
        JsonNode node = Json.tryParse(body);
        if (node == null) return asJson ? body : "";
        if (!path.equals("$")) for (String part : path.replaceFirst("^\\$\\.?", "").split("\\.")) node = node.path(part);
        if (node.isMissingNode()) return "";
        return asJson || !node.isValueNode() ? node.toString() : node.asText();
    }
}
