// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.backplane.core.auth.Caller;
import dev.backplane.realtime.domain.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin handlers of the WebSocket API routes. Only $connect's status code matters to API Gateway (non-2xx refuses
 * the upgrade); the other routes answer the client through @connections, so they return 200 once handled.
 * Failures are not caught: API Gateway then tells the client "Internal server error" and the error is logged.
 */
public final class WebSocketRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoutes.class);
    private final Supplier<Subscriptions> subscriptions;
    private final Clock clock;
    private SocketLimits limits = SocketLimits.NONE;

    public WebSocketRoutes(Supplier<Subscriptions> subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public WebSocketRoutes withLimits(SocketLimits limits) {
        this.limits = limits;
        return this;
    }

    public APIGatewayV2WebSocketResponse connect(APIGatewayV2WebSocketEvent event) {
        Optional<Caller> caller = WebSocketCallers.of(event);
        if (caller.isEmpty()) {
            // Only reachable if the route lost its authorizer: refuse rather than accept an anonymous socket.
            LOG.warn("$connect without authorizer context refused");
            return status(401);
        }
        if (subscriptions.get().openConnections(caller.get().userId()) >= limits.connectionsPerUser()) {
            // refuses the upgrade with HTTP 429: the client sees why, and no record is written
            LOG.info("$connect refused: user at the limit of {} connections", limits.connectionsPerUser());
            return status(429);
        }
        subscriptions.get().connect(connectionId(event), caller.get(), connectedAt(event));
        return status(200);
    }

    public APIGatewayV2WebSocketResponse disconnect(APIGatewayV2WebSocketEvent event) {
        subscriptions.get().disconnect(connectionId(event));
        return status(200);
    }

    /** subscribe, unsubscribe, ping and $default (anything else) share one function: same dependencies, one cold start. */
    public APIGatewayV2WebSocketResponse message(APIGatewayV2WebSocketEvent event) {
        String connectionId = connectionId(event);
        Subscriptions s = subscriptions.get();
        Optional<Long> retryAfter = limits.overRate(connectionId);
        if (retryAfter.isPresent()) {
            if (limits.refusedTooOften(connectionId)) {
                LOG.info("closing connection {}: kept sending after being rate limited", connectionId);
                s.closeForFlooding(connectionId, retryAfter.get());
            } else {
                s.rateLimited(connectionId, retryAfter.get());
            }
            return status(200);
        }
        ClientRequest request;
        try {
            request = ClientRequest.parse(event.getBody());
        } catch (IllegalArgumentException e) {
            s.badRequest(connectionId, e.getMessage());
            return status(200);
        }
        String action = request.action() == null ? "" : request.action();
        switch (action) {
            case "ping" -> s.ping(connectionId);
            case "subscribe", "unsubscribe" -> {
                Optional<Caller> caller = WebSocketCallers.of(event);
                if (caller.isEmpty()) {
                    LOG.warn("{} without authorizer context on connection {}", action, connectionId);
                    s.badRequest(connectionId, "connection is not authenticated");
                } else if (action.equals("subscribe")) {
                    s.subscribe(connectionId, caller.get(), connectedAt(event), request.topic());
                } else {
                    s.unsubscribe(connectionId, request.topic());
                }
            }
            default -> s.badRequest(connectionId, "unknown action; use subscribe, unsubscribe or ping");
        }
        return status(200);
    }

    private static String connectionId(APIGatewayV2WebSocketEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getConnectionId() == null) throw new IllegalArgumentException("not a WebSocket event: no connectionId");
        return context.getConnectionId();
    }

    /** When API Gateway accepted the connection (epoch ms in every event), which fixes its 2-hour life. */
    private Instant connectedAt(APIGatewayV2WebSocketEvent event) {
        long millis = event.getRequestContext().getConnectedAt();
        return millis > 0 ? Instant.ofEpochMilli(millis) : clock.instant();
    }

    private static APIGatewayV2WebSocketResponse status(int code) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(code);
        return response;
    }

    /** Correlation id of a WebSocket invocation: API Gateway's request id (messages carry no X-Correlation-Id). */
    public static String requestId(APIGatewayV2WebSocketEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getRequestId() == null ? "ws" : context.getRequestId();
    }
}
