package dev.backplane.devstack.apigw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backplane.devstack.RunningDevstack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** A WebSocket route integrated with SQS: the request template renders SendMessage, the message lands in the queue. */
class WebSocketSqsTest {
    @Test
    void aMessageOnASqsRouteIsSentToTheQueue() throws Exception {
        try (RunningDevstack stack = new RunningDevstack("ws-sqs.yaml")) {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(stack.devstack.apiGateway().webSocketUrl()), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        ws.request(1);
                        return null;
                    }
                }).join();
            socket.sendText("{\"action\":\"send\",\"message\":{\"text\":\"hello & bye\"}}", true).join();
            var sqs = stack.sqs();
            Message m = RunningDevstack.receive(sqs, stack.devstack.queueUrl("Inbox"), 1, Duration.ofSeconds(10)).getFirst();
            assertEquals("{\"text\":\"hello & bye\"}", m.body(), "$util.urlEncode($input.json('$.message'))");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
