// SPDX-License-Identifier: Apache-2.0
package dev.backplane.core.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.backplane.core.json.Json;
import dev.backplane.core.testing.EventEquivalence;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Jackson 3 event reader makes the same objects as the Lambda Java runtime's own serializers: every events/
 * sample and a set of edge cases, read as every event type our functions take (a sample read as a foreign type
 * must come out the same too), compared field by field. The identity module checks its authorizer event likewise.
 */
class LambdaEventReaderTest {
    /** Every input type of a function registration outside identity (whose AuthorizerEvent is checked there). */
    static final List<Class<?>> EVENT_TYPES = List.of(APIGatewayV2HTTPEvent.class, APIGatewayV2WebSocketEvent.class,
        SQSEvent.class, DynamodbEvent.class, ScheduledEvent.class, Map.class);

    @Test
    void everySampleEventReadsAsTheRuntimeReadsIt() throws IOException {
        List<String> failures = new ArrayList<>();
        int samples = 0;
        for (Path file : samples()) {
            samples++;
            byte[] payload = Files.readAllBytes(file);
            String name = FunctionHarness.eventsDir().relativize(file).toString();
            Class<?> own = ownType(Json.tree(new String(payload, StandardCharsets.UTF_8)));
            for (Class<?> type : EVENT_TYPES) {
                EventEquivalence.Outcome outcome = EventEquivalence.compare(payload, type);
                outcome.differences().forEach(d -> failures.add(name + " as " + type.getSimpleName() + " " + d));
                if (type == own && (outcome.bothRefused() || outcome.leaves() < 2)) {
                    failures.add(name + " as " + type.getSimpleName() + ": only " + outcome.leaves() + " values read");
                }
            }
        }
        assertTrue(samples > 50, "samples found: " + samples);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void edgeCasesReadAsTheRuntimeReadsThem() {
        List<String> failures = new ArrayList<>();
        for (var edge : EDGE_CASES) {
            for (Class<?> type : EVENT_TYPES) {
                EventEquivalence.compare(edge.json().getBytes(StandardCharsets.UTF_8), type).differences()
                    .forEach(d -> failures.add(edge.name() + " as " + type.getSimpleName() + " " + d));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void edgeCasesCarryTheirValues() {
        DynamodbEvent stream = LambdaEventReader.read(bytes(STREAM_EDGES), DynamodbEvent.class);
        var record = stream.getRecords().getFirst();
        assertEquals("MODIFY", record.getEventName());
        assertEquals("arn:aws:dynamodb:eu-west-1:1:table/t/stream/x", record.getEventSourceARN());
        assertEquals(new Date(1795428902500L), record.getDynamodb().getApproximateCreationDateTime());
        assertEquals(812L, record.getDynamodb().getSizeBytes());
        assertEquals("NEW_AND_OLD_IMAGES", record.getDynamodb().getStreamViewType());
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), image.get("bin").getB());
        assertEquals(List.of(ByteBuffer.wrap(new byte[] {0}), ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8))), image.get("bins").getBS());
        assertEquals(List.of("a", "b"), image.get("strs").getSS());
        assertEquals(List.of("1", "2.5"), image.get("nums").getNS());
        assertTrue(image.get("nothing").getNULL());
        assertFalse(image.get("flag").getBOOL());
        assertEquals("deep", image.get("nested").getM().get("inner").getL().get(1).getM().get("s").getS());
        assertEquals("old", record.getDynamodb().getOldImage().get("pk").getS());

        SQSEvent sqs = LambdaEventReader.read(bytes(SQS_EDGES), SQSEvent.class);
        SQSEvent.SQSMessage message = sqs.getRecords().getFirst();
        assertEquals("arn:aws:sqs:eu-west-1:1:q", message.getEventSourceArn());
        assertEquals("3", message.getAttributes().get("ApproximateReceiveCount"));
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), message.getMessageAttributes().get("bin").getBinaryValue());
        assertEquals(List.of("x", "y"), message.getMessageAttributes().get("list").getStringListValues());

        APIGatewayV2HTTPEvent http = LambdaEventReader.read(bytes(HTTP_BASE64), APIGatewayV2HTTPEvent.class);
        assertTrue(http.getIsBase64Encoded());
        assertEquals("eyJhIjoxfQ==", http.getBody());
        assertEquals(1795428902123L, http.getRequestContext().getTimeEpoch());

        ScheduledEvent scheduled = LambdaEventReader.read(bytes(SCHEDULED_OFFSET), ScheduledEvent.class);
        assertEquals("Scheduled Event", scheduled.getDetailType());
        assertEquals(7200000, scheduled.getTime().getZone().getOffset(0L));
    }

    @Test
    void theComparisonFindsADifferenceDeepInAnEvent() {
        DynamodbEvent a = LambdaEventReader.read(bytes(STREAM_EDGES), DynamodbEvent.class);
        DynamodbEvent b = LambdaEventReader.read(bytes(STREAM_EDGES), DynamodbEvent.class);
        List<String> none = new ArrayList<>();
        assertTrue(EventEquivalence.diff("$", a, b, none) > 15);
        assertTrue(none.isEmpty(), none.toString());
        b.getRecords().getFirst().getDynamodb().getNewImage().get("nested").getM().get("inner").getL().get(0).setN("8");
        b.getRecords().getFirst().getDynamodb().getNewImage().get("bin").setB(ByteBuffer.wrap(new byte[] {1, 2, 4}));
        List<String> found = new ArrayList<>();
        EventEquivalence.diff("$", a, b, found);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.getFirst().startsWith("$.records[0].dynamodb.newImage[") && found.stream().anyMatch(f -> f.contains("[inner].l[0].n:")),
            found.toString());
    }

    @Test
    void aPlainMapperDoesNotPass() {
        // the comparison tells readers apart: a lenient plain mapper loses the capitalised Records the runtime reads
        byte[] payload = bytes(SQS_EDGES);
        List<String> differences = new ArrayList<>();
        EventEquivalence.diff("$", EventEquivalence.runtimeRead(payload, SQSEvent.class),
            Json.MAPPER.rebuild().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(payload, SQSEvent.class), differences);
        assertFalse(differences.isEmpty());
    }

    @Test
    void everyEventTypeAFunctionTakesIsCompared() throws IOException {
        Pattern registration = Pattern.compile("registry\\.function\\([^,]+,\\s*([A-Za-z0-9_.]+)\\.class");
        Set<String> taken = new TreeSet<>();
        try (Stream<Path> files = Files.walk(LocalDynamo.repoRoot().resolve("functions"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")).toList()) {
                Matcher m = registration.matcher(Files.readString(file));
                while (m.find()) taken.add(m.group(1));
            }
        }
        Set<String> compared = new TreeSet<>(EVENT_TYPES.stream().map(Class::getSimpleName).toList());
        compared.add("AuthorizerEvent");   // identity's own bean, compared in its module
        assertTrue(taken.size() >= 5, taken.toString());
        assertTrue(compared.containsAll(taken), "event types without an equivalence check: " + taken.stream().filter(t -> !compared.contains(t)).toList());
    }

    private static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.walk(FunctionHarness.eventsDir())) {
            return files.filter(f -> f.toString().endsWith(".json") && !FunctionHarness.eventsDir().relativize(f).startsWith("schemas"))
                .sorted().toList();
        }
    }

    /** The type a sample was written for, by its shape (authorizer events are identity's, checked there). */
    private static Class<?> ownType(JsonNode event) {
        String source = event.path("Records").path(0).path("eventSource").asString("");
        if (source.equals("aws:sqs")) return SQSEvent.class;
        if (source.equals("aws:dynamodb")) return DynamodbEvent.class;
        if (event.has("detail-type")) return ScheduledEvent.class;
        if (event.path("type").asString("").equals("REQUEST")) return Void.class;
        if (event.path("requestContext").has("connectionId")) return APIGatewayV2WebSocketEvent.class;
        if (event.has("routeKey")) return APIGatewayV2HTTPEvent.class;
        return Map.class;   // e.g. a sweep's own input, sent by a schedule as is
    }

    private static byte[] bytes(String json) { return json.getBytes(StandardCharsets.UTF_8); }

    record Edge(String name, String json) {}

    static final String STREAM_EDGES = """
        {"Records":[{"eventID":"e1","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
          "userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"},
          "dynamodb":{"ApproximateCreationDateTime":1795428902.5,"SizeBytes":812,"SequenceNumber":"44","StreamViewType":"NEW_AND_OLD_IMAGES",
            "Keys":{"pk":{"S":"k"}},
            "NewImage":{"pk":{"S":"k"},"n":{"N":"42"},"bin":{"B":"AQID"},"bins":{"BS":["AA==","aGk="]},"strs":{"SS":["a","b"]},
              "nums":{"NS":["1","2.5"]},"nothing":{"NULL":true},"flag":{"BOOL":false},"empty":{"M":{}},"emptyList":{"L":[]},
              "nested":{"M":{"inner":{"L":[{"N":"7"},{"M":{"s":{"S":"deep"}}},{"SS":["x"]}]}}}},
            "OldImage":{"pk":{"S":"old"}}},
          "eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/t/stream/x"}]}""";

    static final String SQS_EDGES = """
        {"Records":[{"messageId":"m1","receiptHandle":"r","body":"{\\"a\\":1}","md5OfBody":"x","md5OfMessageAttributes":"y",
          "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:1:q","awsRegion":"eu-west-1",
          "attributes":{"ApproximateReceiveCount":"3","SentTimestamp":"1795428902123","MessageGroupId":"g"},
          "messageAttributes":{"s":{"stringValue":"v","dataType":"String","stringListValues":[],"binaryListValues":[]},
            "num":{"stringValue":"12","dataType":"Number"},"bin":{"binaryValue":"AQID","dataType":"Binary"},
            "list":{"stringListValues":["x","y"],"binaryListValues":["AQ=="],"dataType":"String"}}},
          {"messageId":"m2","body":""}]}""";

    static final String HTTP_BASE64 = """
        {"version":"2.0","routeKey":"POST /orders","rawPath":"/orders","rawQueryString":"a=1&b=2","cookies":["c=1","d=2"],
          "headers":{"content-type":"application/json","x-multi":"a,b"},"queryStringParameters":{"a":"1","b":"2"},
          "requestContext":{"accountId":"1","apiId":"api","domainName":"d","domainPrefix":"p","requestId":"r","routeKey":"POST /orders",
            "stage":"$default","time":"12/Mar/2026:19:03:58 +0000","timeEpoch":1795428902123,
            "http":{"method":"POST","path":"/orders","protocol":"HTTP/1.1","sourceIp":"1.2.3.4","userAgent":"ua"},
            "authorizer":{"lambda":{"userId":"u","roles":["user","admin"],"n":3,"f":1.5,"deep":{"x":null}},
              "jwt":{"claims":{"sub":"u"},"scopes":["a"]}}},
          "body":"eyJhIjoxfQ==","isBase64Encoded":true}""";

    static final String SCHEDULED_OFFSET = """
        {"version":"0","id":"i","detail-type":"Scheduled Event","source":"aws.events","account":"1",
          "time":"2026-11-23T10:15:02+02:00","region":"eu-west-1","resources":["arn:aws:events:eu-west-1:1:rule/r"],
          "detail":{"n":1,"big":12345678901,"f":0.5,"list":[1,"two",true,null],"m":{"k":"v"}}}""";

    static final List<Edge> EDGE_CASES = List.of(
        new Edge("dynamodb binary, sets, nested maps and lists, NULL, BOOL, old image", STREAM_EDGES),
        new Edge("sqs message attributes and attributes", SQS_EDGES),
        new Edge("http base64 body, cookies, lambda and jwt authorizer", HTTP_BASE64),
        new Edge("scheduled event with an offset", SCHEDULED_OFFSET),
        new Edge("scheduled event in UTC with millis", """
            {"detail-type":"Scheduled Event","time":"2026-11-23T10:15:02.123Z","detail":{}}"""),
        new Edge("unknown extra fields everywhere", """
            {"extra":1,"Records":[{"extra":{"a":[1]},"messageId":"m","dynamodb":{"extra":true,"Keys":{"pk":{"S":"k","extra":"x"}}}}],
             "requestContext":{"extra":"x","http":{"extra":2,"method":"GET"},"connectionId":"c"},"routeKey":"GET /","version":"2.0"}"""),
        new Edge("missing optional fields", """
            {"Records":[{"messageId":"m"},{}],"requestContext":{}}"""),
        new Edge("empty object", "{}"),
        new Edge("empty payload", ""),
        new Edge("null", "null"),
        new Edge("json null in primitive fields", """
            {"isBase64Encoded":null,"requestContext":{"timeEpoch":null,"connectedAt":null,"requestTimeEpoch":null}}"""),
        new Edge("empty strings as objects", """
            {"requestContext":"","Records":[{"dynamodb":"","messageAttributes":{"a":""}}]}"""),
        new Edge("single values where arrays go", """
            {"cookies":"c=1","Records":{"messageId":"m","body":"b"},"resources":"arn"}"""),
        new Edge("stream record time zero and as a string, unknown view type", """
            {"Records":[{"dynamodb":{"ApproximateCreationDateTime":0,"StreamViewType":"SOMETHING_NEW"}},
              {"dynamodb":{"ApproximateCreationDateTime":"1795428902","SizeBytes":"12","StreamViewType":"KEYS_ONLY"}}]}"""),
        new Edge("operation type and numbers as strings", """
            {"Records":[{"eventName":"REMOVE","dynamodb":{"SizeBytes":""}}],"requestContext":{"timeEpoch":"17"}}"""),
        new Edge("an attribute value that is not an object", """
            {"Records":[{"dynamodb":{"Keys":{"pk":"k"}}}]}"""),
        new Edge("lenient JSON the runtime accepts", """
            {'Records':[{messageId:'m',body:'a\\qb'}],"n":007}"""),
        new Edge("numbers in a map", """
            {"i":1,"l":12345678901,"big":123456789012345678901234567890,"d":1.25,"e":1e400,"neg":-0.0,"s":"x","b":false,"n":null}"""),
        new Edge("trailing content", "{\"Records\":[]} {}"),
        new Edge("not JSON", "<xml/>"),
        new Edge("an array", "[1,2]"),
        new Edge("a string", "\"hello\""));
}
