package dev.backplane.chat.llm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * A local Bedrock runtime speaking ConverseStream's real wire format: {@code POST /model/{id}/converse-stream}
 * over HTTP/2 (h2c, as the SDK's client speaks it), answered with {@code application/vnd.amazon.eventstream} binary frames (prelude, headers, payload, CRCs — encoded
 * by AWS's own event-stream codec), one event per frame, flushed one by one; errors as the service sends them
 * ({@code x-amzn-ErrorType} + JSON body, or an exception frame mid-stream).
 */
final class FakeBedrock implements AutoCloseable {
    /** An HTTP error (status, error type) or a stream of frames. */
    record Script(int status, String errorType, List<Message> frames) {
        static Script stream(Message... frames) { return new Script(200, null, List.of(frames)); }

        static Script error(int status, String errorType) { return new Script(status, errorType, List.of()); }
    }

    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Server server = new Server();
    private final ServerConnector connector;

    FakeBedrock(Function<String, Script> script) {
        connector = new ServerConnector(server, new HTTP2CServerConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                paths.add(request.getHttpURI().getPath());
                bodies.add(body);
                authorizations.add(request.getHeaders().get("authorization"));
                Script s = script.apply(body);
                response.getHeaders().put("x-amzn-requestid", "fake-request");
                if (s.status() != 200) {
                    response.setStatus(s.status());
                    response.getHeaders().put("content-type", "application/json");
                    response.getHeaders().put("x-amzn-ErrorType", s.errorType());
                    response.write(true, ByteBuffer.wrap(("{\"message\":\"" + s.errorType() + " from the fake\"}").getBytes(StandardCharsets.UTF_8)), callback);
                    return true;
                }
                response.setStatus(200);
                response.getHeaders().put("content-type", "application/vnd.amazon.eventstream");
                for (Message frame : s.frames()) {
                    FutureCallback sent = new FutureCallback();
                    response.write(false, frame.toByteBuffer(), sent);
                    sent.get();
                }
                response.write(true, null, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String endpoint() { return "http://127.0.0.1:" + connector.getLocalPort(); }

    static Message event(String type, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return new Message(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    static Message exception(String type, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return new Message(headers, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static Message text(String text) {
        return event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"" + text + "\"}}");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
