// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.lambda.Invoker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * The WebSocket API through a real WebSocket client, and the @connections API through AWS SDK v2's
 * ApiGatewayManagementApiClient — the same client the functions use on AWS.
 */
class WebSocketApiTest {
    static InProcessFunctions functions = new InProcessFunctions();
    static ApiGatewayEmulator gateway;
    static ApiGatewayManagementApiClient management;
    static final BlockingQueue<JsonNode> disconnects = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        functions.on("WsAuthFn", event -> {
            String token = event.at("/queryStringParameters/token").asText();
            if (token.equals("crash")) throw new Invoker.FunctionError("Error", "authorizer crashed");
            return Map.of("principalId", "user-" + token, "context", Map.of("userId", "u-" + token, "admin", false),
                "policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Action", "execute-api:Invoke",
                    "Effect", token.startsWith("good") ? "Allow" : "Deny", "Resource", event.get("methodArn").asText()))));
        });
        functions.on("WsFn", event -> {
            String type = event.at("/requestContext/eventType").asText();
            String connectionId = event.at("/requestContext/connectionId").asText();
            return switch (type) {
                case "CONNECT" -> event.at("/queryStringParameters/refuse").isMissingNode() ? Map.of("statusCode", 200) : Map.of("statusCode", 403);
                case "DISCONNECT" -> {
                    disconnects.add(event);
                    yield Map.of("statusCode", 200);
                }
                default -> {
                    String route = event.at("/requestContext/routeKey").asText();
                    if (route.equals("echo")) yield Map.of("statusCode", 200, "body", "echo:" + event.get("body").asText());
                    if (event.get("body").asText().equals("fail")) throw new Invoker.FunctionError("Error", "handler failed");
                    // $default: answer through the management API, as real handlers do
                    management.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(
                        "default:" + event.at("/requestContext/authorizer/userId").asText())));
                    yield Map.of("statusCode", 200);
                }
            };
        });
        gateway = Fixtures.start("websocket.yaml", functions, Map.of());
        management = ApiGatewayManagementApiClient.builder().endpointOverride(URI.create(gateway.managementEndpoint()))
            .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @AfterAll
    static void stop() {
        management.close();
        gateway.close();
    }

    /** A JDK WebSocket client that queues text messages and the close code. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect(String query) throws Exception {
            Client c = new Client();
            c.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(gateway.webSocketUrl() + query), c).get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        String next() throws InterruptedException {
            String m = messages.poll(10, TimeUnit.SECONDS);
            if (m == null) throw new AssertionError("no message within 10 s");
            return m;
        }
    }

    static int handshakeStatus(String query) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create(gateway.webSocketUrl() + query), new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode();
    }

    @Test
    void connectEventCarriesAuthorizerContextAndRequestData() throws Exception {
        Client c = Client.connect("?token=good1");
        try {
            JsonNode connect = functions.callsTo("WsFn").stream().map(InProcessFunctions.Call::event)
                .filter(e -> e.at("/queryStringParameters/token").asText().equals("good1")).findFirst().orElseThrow();
            JsonNode rc = connect.get("requestContext");
            assertEquals("$connect", rc.get("routeKey").asText());
            assertEquals("CONNECT", rc.get("eventType").asText());
            assertEquals("prod", rc.get("stage").asText());
            assertEquals(Ids.apiId("WsApi"), rc.get("apiId").asText());
            assertEquals("user-good1", rc.at("/authorizer/principalId").asText());
            assertEquals("u-good1", rc.at("/authorizer/userId").asText());
            assertTrue(rc.get("connectedAt").asLong() > 0);
            assertTrue(connect.get("headers").has("Sec-WebSocket-Key"));
            assertEquals("good1", connect.at("/multiValueQueryStringParameters/token/0").asText());
            assertEquals(false, connect.get("isBase64Encoded").asBoolean());
            JsonNode auth = functions.callsTo("WsAuthFn").getLast().event();
            assertEquals("REQUEST", auth.get("type").asText());
            assertEquals("arn:aws:execute-api:us-east-1:123456789012:" + Ids.apiId("WsApi") + "/prod/$connect", auth.get("methodArn").asText());
        } finally {
            c.socket.sendClose(1000, "bye");
        }
    }

    @Test
    void messagesAreRoutedByActionAndDefaultRouteRepliesThroughTheManagementApi() throws Exception {
        Client c = Client.connect("?token=good2");
        try {
            c.socket.sendText("{\"action\":\"echo\",\"n\":1}", true);
            assertEquals("echo:{\"action\":\"echo\",\"n\":1}", c.next());
            c.socket.sendText("{\"action\":\"nosuchroute\"}", true);
            assertEquals("default:u-good2", c.next());
            c.socket.sendText("not json", true);
            assertEquals("default:u-good2", c.next());
            JsonNode message = functions.callsTo("WsFn").getLast().event();
            assertEquals("MESSAGE", message.at("/requestContext/eventType").asText());
            assertEquals("$default", message.at("/requestContext/routeKey").asText());
            assertTrue(message.at("/requestContext/messageId").isTextual());
            assertEquals("not json", message.get("body").asText());
            c.socket.sendText("fail", true);
            JsonNode error = InProcessFunctions.JSON.readTree(c.next());
            assertEquals("Internal server error", error.get("message").asText());
            assertTrue(error.has("connectionId") && error.has("requestId"));
        } finally {
            c.socket.sendClose(1000, "bye");
        }
    }

    @Test
    void managementApiGetsAndDeletesConnectionsAndReportsGone() throws Exception {
        Client c = Client.connect("?token=good3");
        JsonNode connect = functions.callsTo("WsFn").stream().map(InProcessFunctions.Call::event)
            .filter(e -> e.at("/queryStringParameters/token").asText().equals("good3")).findFirst().orElseThrow();
        String id = connect.at("/requestContext/connectionId").asText();
        management.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("{\"hello\":1}")));
        assertEquals("{\"hello\":1}", c.next());
        GetConnectionResponse info = management.getConnection(b -> b.connectionId(id));
        assertEquals("127.0.0.1", info.identity().sourceIp());
        assertTrue(info.connectedAt().toEpochMilli() > 0 && !info.lastActiveAt().isBefore(info.connectedAt()));
        management.deleteConnection(b -> b.connectionId(id));
        assertTrue(c.closed.get(10, TimeUnit.SECONDS) > 0);
        JsonNode disconnect = disconnects.poll(10, TimeUnit.SECONDS);
        while (disconnect != null && !disconnect.at("/requestContext/connectionId").asText().equals(id)) disconnect = disconnects.poll(10, TimeUnit.SECONDS);
        assertTrue(disconnect != null, "$disconnect must fire");
        assertEquals("DISCONNECT", disconnect.at("/requestContext/eventType").asText());
        assertEquals("u-good3", disconnect.at("/requestContext/authorizer/userId").asText());
        assertThrows(GoneException.class, () -> management.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("x"))));
        assertThrows(GoneException.class, () -> management.getConnection(b -> b.connectionId(id)));
        GoneException unknown = assertThrows(GoneException.class, () -> management.deleteConnection(b -> b.connectionId("nope=")));
        assertEquals(410, unknown.statusCode());
    }

    @Test
    void handshakeIsRefusedWhenAuthorizationOrConnectFails() {
        assertEquals(401, handshakeStatus(""));                       // identity source missing
        assertEquals(403, handshakeStatus("?token=bad"));             // policy denies
        assertEquals(500, handshakeStatus("?token=crash"));           // authorizer failed
        assertEquals(403, handshakeStatus("?token=good4&refuse=1"));  // $connect answered 403
    }
}
