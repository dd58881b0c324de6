// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** One open WebSocket connection: what GetConnection reports and what later events carry (authorizer context). */
final class Connection {
    final String id;
    final WebSocketApi api;
    final long connectedAtMillis;
    final String sourceIp;
    final String userAgent;
    final Map<String, Object> authorizer;
    final String host;
    private volatile long lastActiveAtMillis;
    private volatile Session session;

    Connection(String id, WebSocketApi api, long connectedAtMillis, String sourceIp, String userAgent,
               Map<String, Object> authorizer, String host) {
        this.id = id;
        this.api = api;
        this.connectedAtMillis = connectedAtMillis;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.authorizer = authorizer;
        this.host = host;
        this.lastActiveAtMillis = connectedAtMillis;
    }

    void attach(Session session) { this.session = session; }

    boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen();
    }

    long lastActiveAtMillis() { return lastActiveAtMillis; }

    void touch() { lastActiveAtMillis = System.currentTimeMillis(); }

    /** Sends data as a text frame when it is UTF-8 (what clients of API Gateway receive), else as a binary frame. */
    void send(byte[] data) throws Exception {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Callback callback = Callback.from(() -> sent.complete(null), sent::completeExceptionally);
        String text = utf8OrNull(data);
        if (text != null) session.sendText(text, callback);
        else session.sendBinary(ByteBuffer.wrap(data), callback);
        sent.get(10, TimeUnit.SECONDS);
        touch();
    }

    void close(int code, String reason) {
        Session s = session;
        if (s != null) s.close(code, reason, Callback.NOOP);
    }

    private static String utf8OrNull(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
