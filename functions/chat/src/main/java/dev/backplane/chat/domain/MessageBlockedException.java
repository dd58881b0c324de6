package dev.backplane.chat.domain;

/** The message was stored as blocked and will not be answered (HTTP 422 message-blocked). */
public final class MessageBlockedException extends RuntimeException {
    private final String messageId;

    public MessageBlockedException(String messageId, String reason) {
        super(reason, null, false, false);
        this.messageId = messageId;
    }

    public String messageId() { return messageId; }
}
