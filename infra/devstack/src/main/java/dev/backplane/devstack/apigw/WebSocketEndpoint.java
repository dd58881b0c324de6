// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** Jetty's endpoint for one accepted connection (public because Jetty invokes it through method handles). */
public final class WebSocketEndpoint implements Session.Listener.AutoDemanding {
    private final WebSocketGateway gateway;
    private final ConnectionRegistry registry;
    private final Connection connection;

    WebSocketEndpoint(WebSocketGateway gateway, ConnectionRegistry registry, Connection connection) {
        this.gateway = gateway;
        this.registry = registry;
        this.connection = connection;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection.attach(session);
        registry.add(connection);
    }

    @Override
    public void onWebSocketText(String message) { gateway.onMessage(connection, message, false); }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        gateway.onMessage(connection, BodyEncoding.base64(bytes), true);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) { gateway.onClose(connection, statusCode, reason); }
}
