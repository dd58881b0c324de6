// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import static dev.backplane.devstack.apigw.Fixtures.get;
import static dev.backplane.devstack.apigw.Fixtures.json;
import static dev.backplane.devstack.apigw.Fixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.lambda.Invoker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP API routing, the 2.0 event and response mapping, gateway errors, CORS, and the REST (1.0) API — over real HTTP. */
class HttpApiRoutesTest {
    static InProcessFunctions functions = new InProcessFunctions();
    static ApiGatewayEmulator gateway;
    static String base;

    @BeforeAll
    static void start() {
        functions.on("Canned", event -> switch (event.at("/pathParameters/case").asText()) {
            case "string" -> "hello";
            case "object" -> Map.of("ok", true);
            case "invalid" -> new InProcessFunctions.RawJson("not json");
            case "cookies" -> Map.of("statusCode", 201, "headers", Map.of("x-one", "1", "access-control-allow-origin", "https://evil.example"),
                "cookies", List.of("a=1; Path=/", "b=2"), "body", "created");
            case "binary" -> Map.of("statusCode", 200, "headers", Map.of("content-type", "application/octet-stream"),
                "isBase64Encoded", true, "body", Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255}));
            case "error" -> throw new Invoker.FunctionError("java.lang.IllegalStateException", "boom");
            case "throttle" -> throw new Invoker.FunctionError("TooManyRequestsException", "Rate Exceeded.");
            default -> Map.of("statusCode", 204);
        });
        gateway = Fixtures.start("http-routes.yaml", functions, Map.of());
        base = gateway.httpApiUrl();
    }

    @AfterAll
    static void stop() { gateway.close(); }

    @Test
    void payloadV2EventHasAwsShape() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/orders/42?x=1&x=2&y=a%20b"))
            .header("Cookie", "c1=v1; c2=v2").header("X-Multi", "a").header("X-Multi", "b").header("User-Agent", "test-agent"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("apigw-requestid").isPresent());
        JsonNode e = json(r);
        assertEquals(List.of("version", "routeKey", "rawPath", "rawQueryString", "cookies", "headers", "queryStringParameters",
            "requestContext", "pathParameters", "isBase64Encoded", "stageVariables"), fieldNames(e));
        assertEquals("2.0", e.get("version").asText());
        assertEquals("GET /orders/{id}", e.get("routeKey").asText());
        assertEquals("/orders/42", e.get("rawPath").asText());
        assertEquals("x=1&x=2&y=a%20b", e.get("rawQueryString").asText());
        assertEquals("[\"c1=v1\",\"c2=v2\"]", e.get("cookies").toString());
        assertEquals("a,b", e.at("/headers/x-multi").asText());
        assertFalse(e.get("headers").has("cookie"));
        assertEquals("127.0.0.1", e.at("/headers/x-forwarded-for").asText());
        assertEquals("1,2", e.at("/queryStringParameters/x").asText());
        assertEquals("a b", e.at("/queryStringParameters/y").asText());
        assertEquals("42", e.at("/pathParameters/id").asText());
        assertEquals("blue", e.at("/stageVariables/color").asText());
        JsonNode rc = e.get("requestContext");
        assertEquals(List.of("accountId", "apiId", "domainName", "domainPrefix", "http", "requestId", "routeKey", "stage", "time", "timeEpoch"),
            fieldNames(rc));
        assertEquals("123456789012", rc.get("accountId").asText());
        assertEquals(Ids.apiId("Api"), rc.get("apiId").asText());
        assertEquals("$default", rc.get("stage").asText());
        assertEquals("GET", rc.at("/http/method").asText());
        assertEquals("/orders/42", rc.at("/http/path").asText());
        assertEquals("HTTP/1.1", rc.at("/http/protocol").asText());
        assertEquals("test-agent", rc.at("/http/userAgent").asText());
        assertEquals(r.headers().firstValue("apigw-requestid").orElseThrow(), rc.get("requestId").asText());
        assertTrue(rc.get("time").asText().matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"));
        assertFalse(e.get("isBase64Encoded").asBoolean());
        assertNull(e.get("body"));
    }

    @Test
    void mostSpecificRouteWinsAndExplicitMethodBeatsAny() {
        assertEquals("GET /orders/special", json(get(base + "/orders/special")).get("routeKey").asText());
        assertEquals("GET /orders/{id}", json(get(base + "/orders/7")).get("routeKey").asText());
        HttpResponse<String> delete = send(HttpRequest.newBuilder(URI.create(base + "/orders/7")).DELETE());
        assertEquals("ANY /orders/{id}", json(delete).get("routeKey").asText());
        JsonNode greedy = json(get(base + "/files/a/b%2Fc/d.txt"));
        assertEquals("ANY /files/{proxy+}", greedy.get("routeKey").asText());
        assertEquals("a/b/c/d.txt", greedy.at("/pathParameters/proxy").asText());
        assertEquals(404, get(base + "/files").statusCode()); // a greedy variable needs at least one segment
    }

    @Test
    void unknownRouteIsAwsNotFound() {
        HttpResponse<String> r = get(base + "/nope");
        assertEquals(404, r.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", r.body());
    }

    @Test
    void binaryAndFormBodiesAreBase64TextIsNot() {
        JsonNode json = json(send(HttpRequest.newBuilder(URI.create(base + "/files/x")).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))));
        assertEquals("{\"a\":1}", json.get("body").asText());
        assertFalse(json.get("isBase64Encoded").asBoolean());
        JsonNode form = json(send(HttpRequest.newBuilder(URI.create(base + "/files/x")).header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("a=1"))));
        assertEquals(Base64.getEncoder().encodeToString("a=1".getBytes()), form.get("body").asText());
        assertTrue(form.get("isBase64Encoded").asBoolean());
    }

    @Test
    void responseMappingFollowsPayloadV2Rules() {
        HttpResponse<String> string = get(base + "/canned/string");
        assertEquals(200, string.statusCode());
        assertEquals("\"hello\"", string.body());
        assertEquals("application/json", string.headers().firstValue("content-type").orElseThrow());
        assertEquals("{\"ok\":true}", get(base + "/canned/object").body());
        HttpResponse<String> invalid = get(base + "/canned/invalid");
        assertEquals(500, invalid.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", invalid.body());
        HttpResponse<String> cookies = send(HttpRequest.newBuilder(URI.create(base + "/canned/cookies")).header("Origin", "https://app.example.com"));
        assertEquals(201, cookies.statusCode());
        assertEquals("created", cookies.body());
        assertEquals(List.of("a=1; Path=/", "b=2"), cookies.headers().allValues("set-cookie"));
        assertEquals("1", cookies.headers().firstValue("x-one").orElseThrow());
        // the gateway's CORS configuration replaces the function's own CORS headers
        assertEquals("https://app.example.com", cookies.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertEquals("x-correlation-id", cookies.headers().firstValue("access-control-expose-headers").orElseThrow());
        HttpResponse<byte[]> binary;
        try {
            binary = Fixtures.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/canned/binary")).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of(0, 1, 2, 255), toList(binary.body()));
        assertEquals(204, get(base + "/canned/other").statusCode());
    }

    @Test
    void functionErrorsAndThrottlesAnswerLikeApiGateway() {
        HttpResponse<String> error = get(base + "/canned/error");
        assertEquals(500, error.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", error.body());
        HttpResponse<String> throttled = get(base + "/canned/throttle");
        assertEquals(503, throttled.statusCode());
        assertEquals("{\"message\":\"Service Unavailable\"}", throttled.body());
    }

    @Test
    void payloadsOverTenMegabytesAre413() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/files/upload")).header("content-type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertEquals(413, r.statusCode());
        assertEquals("{\"message\":\"Request Entity Too Large\"}", r.body());
    }

    @Test
    void corsPreflightIsAnsweredByTheGateway() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/orders")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST"));
        assertEquals(204, r.statusCode());
        assertEquals("https://app.example.com", r.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertEquals("GET,POST", r.headers().firstValue("access-control-allow-methods").orElseThrow());
        assertEquals("authorization,content-type", r.headers().firstValue("access-control-allow-headers").orElseThrow());
        assertEquals("600", r.headers().firstValue("access-control-max-age").orElseThrow());
        HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create(base + "/orders")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));
        assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());
    }

    @Test
    void payloadV1RouteOnHttpApi() {
        JsonNode e = json(send(HttpRequest.newBuilder(URI.create(base + "/legacy/9?q=1&q=2")).header("content-type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("hi"))));
        assertEquals("1.0", e.get("version").asText());
        assertEquals("/legacy/{id}", e.get("resource").asText());
        assertEquals("POST", e.get("httpMethod").asText());
        assertEquals("2", e.at("/queryStringParameters/q").asText());
        assertEquals("[\"1\",\"2\"]", e.at("/multiValueQueryStringParameters/q").toString());
        assertEquals("hi", e.get("body").asText());
    }

    @Test
    void restApiSendsPayloadV1UnderItsStage() {
        String rest = gateway.apiUrls().get("ServerlessRestApi");
        assertTrue(rest.endsWith("/Prod"), rest);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(rest + "/items/5?a=1&a=2")).header("X-Thing", "one"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent());
        JsonNode e = json(r);
        assertEquals(List.of("resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
            "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body", "isBase64Encoded"), fieldNames(e));
        assertEquals("/items/{id}", e.get("resource").asText());
        assertEquals("/items/5", e.get("path").asText());
        assertEquals("GET", e.get("httpMethod").asText());
        assertEquals("one", e.at("/headers/X-Thing").asText());
        assertEquals("2", e.at("/queryStringParameters/a").asText());
        assertEquals("5", e.at("/pathParameters/id").asText());
        assertTrue(e.get("body").isNull());
        assertEquals("/Prod/items/5", e.at("/requestContext/path").asText());
        assertEquals("Prod", e.at("/requestContext/stage").asText());
        assertEquals("127.0.0.1", e.at("/requestContext/identity/sourceIp").asText());
        assertEquals(r.headers().firstValue("x-amzn-RequestId").orElseThrow(), e.at("/requestContext/requestId").asText());
        HttpResponse<String> missing = get(rest + "/unknown");
        assertEquals(403, missing.statusCode());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", missing.body());
        assertEquals("a/b", json(get(rest + "/proxy/a/b")).at("/pathParameters/proxy").asText());
    }

    @Test
    void restApiMapsMalformedResponsesTo502() {
        functions.on("RestEcho", event -> Map.of("body", "no status code"));
        try {
            HttpResponse<String> r = get(gateway.apiUrls().get("ServerlessRestApi") + "/items/1");
            assertEquals(502, r.statusCode());
            assertEquals("{\"message\":\"Internal server error\"}", r.body());
        } finally {
            functions.on("RestEcho", InProcessFunctions::echo);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        assertNotNull(node);
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Integer> toList(byte[] bytes) {
        List<Integer> out = new ArrayList<>();
        for (byte b : bytes) out.add(b & 0xff);
        return out;
    }
}
