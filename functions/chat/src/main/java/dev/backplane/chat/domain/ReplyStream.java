package dev.backplane.chat.domain;

/**
 * Port: where a reply streams live, to the owner's sockets on topic {@code conversation:{id}}. Best effort: a user
 * with no socket open still finds the stored reply; streaming never fails a reply.
 */
public interface ReplyStream {
    void delta(String conversationId, String replyId, int seq, String text, String correlationId);

    void completed(String conversationId, String replyId, String text, String correlationId);

    void failed(String conversationId, String replyId, String reason, long retryAfterSeconds, String partialText, String correlationId);
}
