package dev.backplane.devstack.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.ops.FaultSwitch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The EventBridge API over HTTP, AWS JSON 1.1 protocol ({@code X-Amz-Target: AWSEvents.<Operation>}), where
 * {@code AWS_ENDPOINT_URL_EVENTBRIDGE} points. devstack's admin API ({@code /_devstack/...}) shares the port.
 */
public final class EventBridgeEndpoint implements AutoCloseable {
    public static final String ADMIN_PREFIX = "/_devstack/";
    private final HttpServer server;
    private final EventRouter router;
    private volatile FaultSwitch faults = new FaultSwitch();

    private EventBridgeEndpoint(HttpServer server, EventRouter router) {
        this.server = server;
        this.router = router;
    }

    /** Injected failures ({@code POST /_devstack/faults}) and further admin handlers under {@code /_devstack/<name>}. */
    public void diagnostics(FaultSwitch faults, HttpHandler handler, String... names) {
        this.faults = faults;
        for (String name : names) server.createContext(ADMIN_PREFIX + name, handler);
    }

    /** Another AWS API sharing the port (devstack's Lambda Invoke API). */
    public void mount(String pathPrefix, HttpHandler handler) { server.createContext(pathPrefix, handler); }

    public static EventBridgeEndpoint start(int port, EventRouter router, HttpHandler admin) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            EventBridgeEndpoint endpoint = new EventBridgeEndpoint(server, router);
            server.createContext("/", endpoint::handle);
            server.createContext(ADMIN_PREFIX, admin);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the EventBridge port " + port, e);
        }
    }

    public URI endpoint() { return URI.create("http://localhost:" + server.getAddress().getPort()); }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith("AWSEvents.")) {
                reply(exchange, 400, Json.bytes(EventRouter.jsonError("UnknownOperationException", "expected an AWS JSON 1.1 EventBridge call (X-Amz-Target: AWSEvents.*)")));
                return;
            }
            String operation = target.substring("AWSEvents.".length());
            if (!operation.equals("PutEvents")) {
                reply(exchange, 400, Json.bytes(EventRouter.jsonError("UnknownOperationException",
                    "devstack's EventBridge implements PutEvents only, not " + operation)));
                return;
            }
            if (faults.fails("events", operation)) {
                reply(exchange, 500, Json.bytes(EventRouter.jsonError("InternalException", "injected fault (devstack /_devstack/faults)")));
                return;
            }
            JsonNode request;
            try {
                request = Json.parse(body);
            } catch (UncheckedIOException e) {
                reply(exchange, 400, Json.bytes(EventRouter.jsonError("SerializationException", e.getMessage())));
                return;
            }
            try {
                reply(exchange, 200, Json.bytes(router.putEvents(request)));
            } catch (EventRouter.RequestError e) {
                reply(exchange, 400, Json.bytes(EventRouter.jsonError(e.type, e.getMessage())));
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
