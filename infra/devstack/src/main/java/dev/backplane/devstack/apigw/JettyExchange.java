// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Converts between Jetty's request/response and the gateway's library-independent ones. */
final class JettyExchange {
    static final int MAX_BODY = 10 * 1024 * 1024; // API Gateway's payload limit

    private JettyExchange() {}

    /** Thrown when a body exceeds the 10 MB API Gateway limit. */
    static final class TooLarge extends Exception {}

    static GatewayRequest read(Request request) throws IOException, TooLarge {
        if (request.getLength() > MAX_BODY) throw new TooLarge();
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) throw new TooLarge();
        return build(request, body);
    }

    static GatewayRequest headersOnly(Request request) { return build(request, new byte[0]); }

    private static GatewayRequest build(Request request, byte[] body) {
        HeaderList headers = new HeaderList();
        for (HttpField f : request.getHeaders()) headers.add(f.getName(), f.getValue());
        String path = request.getHttpURI().getPath();
        return new GatewayRequest(request.getMethod(), path == null || path.isEmpty() ? "/" : path, request.getHttpURI().getQuery(),
            headers, body, Request.getRemoteAddr(request), request.getConnectionMetaData().getProtocol(),
            System.currentTimeMillis());
    }

    static void write(GatewayResponse r, Response response, Callback callback) {
        response.setStatus(r.status());
        r.headers().fields().forEach(f -> response.getHeaders().add(f.name(), f.value()));
        response.write(true, ByteBuffer.wrap(r.body()), callback);
    }
}
