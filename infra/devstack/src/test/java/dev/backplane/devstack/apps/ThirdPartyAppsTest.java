package dev.backplane.devstack.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.CapturingLog;
import dev.backplane.devstack.RunningDevstack;
import dev.backplane.devstack.lambda.FunctionDefinitions;
import dev.backplane.devstack.lambda.SourceBuild;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Third-party-style SAM Java projects (src/test/fixtures/APP, each with its own pom and README), run unmodified the
 * way their README says: devstack builds the source-folder CodeUri, redirects their old SDKs, and serves them.
 */
class ThirdPartyAppsTest {
    static final Path APPS = Path.of("src/test/fixtures").toAbsolutePath();
    static final HttpClient http = HttpClient.newHttpClient();

    static HttpResponse<String> call(RunningDevstack stack, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.devstack.apiGateway().httpApiUrl() + path))
            .header("Content-Type", body != null && body.startsWith("{") ? "application/json" : "text/plain")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sdkV1AppWithSimpleTableAndCodeUriDotRunsFromItsOwnBuild() throws Exception {
        try (RunningDevstack stack = new RunningDevstack(APPS.resolve("notes-sdk1/template.yaml"), null)) {
            assertEquals(204, call(stack, "PUT", "/notes/n1", "buy milk").statusCode());
            HttpResponse<String> got = call(stack, "GET", "/notes/n1", null);
            assertEquals(200, got.statusCode(), got.body());
            assertEquals("buy milk", got.body());
            assertEquals("notes-sdk1", got.headers().firstValue("x-stack").orElseThrow(), "AWS::StackName defaults to the project folder");
            assertEquals(404, call(stack, "GET", "/notes/none", null).statusCode());
            DynamoDbClient dynamo = stack.dynamoDb();
            assertEquals("buy milk", dynamo.getItem(b -> b.tableName("NotesTable").key(Map.of("noteId", AttributeValue.fromS("n1"))))
                .item().get("text").s(), "SDK v1 wrote to DynamoDB Local, not to AWS");
            CapturingLog log = stack.log;
            log.await("NotesFunction", "stored note n1"::equals, 1, Duration.ofSeconds(5)); // LambdaLogger.log without newline
            assertEquals(1, log.matching("NotesFunction", t -> t.startsWith("[devstack] AWS SDK for Java v1")).size(),
                "one notice per function about the SDK that ignores AWS_ENDPOINT_URL_*: " + log.lines());
        }
    }

    @Test
    void oldSdkV2AppWithEventSourceMappingsRunsApiToQueueToTableToStream() throws Exception {
        try (RunningDevstack stack = new RunningDevstack(APPS.resolve("orders-sdk2/template.yaml"), null)) {
            assertEquals(202, call(stack, "POST", "/orders", "{\"orderId\":\"o-1\",\"total\":42}").statusCode());
            DynamoDbClient dynamo = stack.dynamoDb();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Map<String, AttributeValue> audit = Map.of();
            while (audit.isEmpty() && System.nanoTime() < end) {
                audit = dynamo.getItem(b -> b.tableName("AuditTable").key(Map.of("id", AttributeValue.fromS("o-1")))).item();
                if (audit.isEmpty()) Thread.sleep(200);
            }
            assertEquals("INSERT", audit.get("event").s(), "SQS mapping stored the order, the stream mapping audited it");
            assertTrue(stack.log.lines().stream().anyMatch(l -> l.source().equals("PlaceOrderFunction")
                && l.text().startsWith("[devstack] AWS SDK for Java 2.20.162")), "names the SDK version it redirected");
        }
    }

    @Test
    void openApiDefinedHttpApiWithLambdaProxyAndServiceIntegrationsIncludedFromAFile() throws Exception {
        try (RunningDevstack stack = new RunningDevstack(APPS.resolve("greetings-openapi/template.yaml"), null)) {
            HttpResponse<String> v2 = call(stack, "GET", "/greetings/ada", null);
            assertEquals(200, v2.statusCode(), v2.body());
            assertEquals("hello ada (payload 2.0)", v2.body());
            HttpResponse<String> v1 = call(stack, "POST", "/greetings", "hi");
            assertEquals("hello world (payload 1.0)", v1.body(), "x-amazon-apigateway-any-method, payload format 1.0");
            assertEquals(404, call(stack, "GET", "/nothing", null).statusCode());

            HttpResponse<String> sent = call(stack, "POST", "/messages", "{\"message\":\"hi there\"}");
            assertEquals(200, sent.statusCode(), sent.body());
            assertTrue(sent.body().contains("MessageId"), "SQS's own answer: " + sent.body());
            HttpResponse<String> received = call(stack, "GET", "/messages?wait=1", null);
            assertTrue(received.body().contains("hi there"), "SQS-ReceiveMessage: " + received.body());

            HttpResponse<String> rest = http.send(HttpRequest.newBuilder(URI.create(stack.devstack.apiGateway().apiUrls().get("MessagesRestApi") + "/inbox"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"via\":\"rest\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, rest.statusCode(), rest.body());
            var viaRest = RunningDevstack.receive(stack.sqs(), stack.devstack.queueUrl("Inbox"), 1, Duration.ofSeconds(10));
            assertEquals("{\"via\":\"rest\"}", viaRest.getFirst().body(), "REST API → SQS integration rendered its mapping template");

            HttpResponse<String> published = call(stack, "POST", "/events", "{\"type\":\"greeted\",\"detail\":{\"name\":\"ada\"}}");
            assertEquals(200, published.statusCode(), published.body());
            var greeted = RunningDevstack.receive(stack.sqs(), stack.devstack.queueUrl("Greeted"), 1, Duration.ofSeconds(10));
            assertTrue(greeted.getFirst().body().contains("\"detail-type\":\"greeted\"") && greeted.getFirst().body().contains("\"name\":\"ada\""),
                "EventBridge-PutEvents → rule → queue: " + greeted.getFirst().body());
        }
    }

    @Test
    void aBrokenBuildStopsStartupNamingTheFunctionAndTheCommand() throws Exception {
        Path app = Files.createTempDirectory("broken-app");
        Files.copy(APPS.resolve("notes-sdk1/pom.xml"), app.resolve("pom.xml"));
        Files.copy(APPS.resolve("notes-sdk1/template.yaml"), app.resolve("template.yaml"));
        Path source = app.resolve("src/main/java/example/notes/NotesHandler.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package example.notes; public class NotesHandler { this does not compile }");
        TemplateException e = assertThrows(TemplateException.class, () -> new RunningDevstack(app.resolve("template.yaml"), null).close());
        assertTrue(e.getMessage().contains("cannot build NotesFunction: `mvn -B -q -DskipTests package"), e.getMessage());
        assertTrue(e.getMessage().contains("NotesHandler.java"), "shows the compiler's complaint: " + e.getMessage());
    }

    @Test
    void anUnchangedSourceFolderIsNotRebuilt() {
        Template template = Template.load(APPS.resolve("notes-sdk1/template.yaml"));
        var functions = FunctionDefinitions.load(template, new Intrinsics(template, Map.of(), "us-east-1", "000000000000", "http://localhost:1"));
        CapturingLog log = new CapturingLog();
        SourceBuild.buildAll(functions.values(), log); // builds if another test has not yet
        int before = log.lines().size();
        SourceBuild.buildAll(functions.values(), log);
        assertEquals(before, log.lines().size(), "second call is a cache hit: " + log.lines());
    }
}
