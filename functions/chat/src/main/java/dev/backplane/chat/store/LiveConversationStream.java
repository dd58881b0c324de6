package dev.backplane.chat.store;

import dev.backplane.chat.domain.ReplyStream;
import dev.backplane.core.json.Json;
import dev.backplane.realtime.domain.ConnectionGateway;
import dev.backplane.realtime.domain.ConnectionStore;
import dev.backplane.realtime.domain.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams a reply straight to the sockets subscribed to {@code conversation:{id}}, through realtime's connection
 * store (realtime owns that table and its layout) and the @connections API: one query for the subscribers per reply,
 * then one post per chunk per socket — no event bus hop per chunk. Messages have the push shape clients already
 * handle: {@code {type, topic, correlationId, data, sentAt}}.
 */
public final class LiveConversationStream implements ReplyStream {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConversationStream.class);
    private final ConnectionStore connections;
    private final ConnectionGateway gateway;
    private final Clock clock;
    private final Map<String, List<String>> subscribersByReply = new ConcurrentHashMap<>();

    public LiveConversationStream(ConnectionStore connections, ConnectionGateway gateway, Clock clock) {
        this.connections = connections;
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public void delta(String conversationId, String replyId, int seq, String text, String correlationId) {
        send(conversationId, replyId, "chat.delta", data(conversationId, replyId).put("seq", seq).put("text", text), correlationId, false);
    }

    @Override
    public void completed(String conversationId, String replyId, String text, String correlationId) {
        send(conversationId, replyId, "chat.completed", data(conversationId, replyId).put("text", text), correlationId, true);
    }

    @Override
    public void failed(String conversationId, String replyId, String reason, long retryAfterSeconds, String partialText, String correlationId) {
        send(conversationId, replyId, "chat.failed", data(conversationId, replyId).put("reason", reason)
            .put("retryAfterSeconds", retryAfterSeconds).put("partialText", partialText), correlationId, true);
    }

    /** Never throws: a reply that cannot be shown live is still stored and read with GET …/messages. */
    private void send(String conversationId, String replyId, String type, ObjectNode data, String correlationId, boolean last) {
        try {
            push(conversationId, replyId, type, data, correlationId, last);
        } catch (RuntimeException e) {
            LOG.warn("live {} of reply {} not delivered: {}", type, replyId, e.toString());
        }
    }

    private void push(String conversationId, String replyId, String type, ObjectNode data, String correlationId, boolean last) {
        Topic topic = Topic.conversation(conversationId);
        List<String> ids = subscribersByReply.computeIfAbsent(replyId, r -> connections.subscribers(topic, clock.instant()));
        if (last) subscribersByReply.remove(replyId);
        if (ids.isEmpty()) return;
        ObjectNode message = Json.object().put("type", type).put("topic", topic.value()).put("correlationId", correlationId);
        message.set("data", data);
        message.put("sentAt", clock.instant().toString());
        byte[] bytes = Json.write(message).getBytes(StandardCharsets.UTF_8);
        for (String id : ids) {
            if (gateway.send(id, bytes) == ConnectionGateway.Delivery.GONE) connections.close(id);
        }
    }

    private static ObjectNode data(String conversationId, String replyId) {
        return Json.object().put("conversationId", conversationId).put("messageId", replyId);
    }
}
