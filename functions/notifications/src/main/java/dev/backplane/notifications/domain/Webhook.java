package dev.backplane.notifications.domain;

import java.time.Instant;

/** A user's outgoing endpoint: a signed JSON webhook or a Slack incoming webhook. The secret is shown once. */
public record Webhook(String id, String userId, String kind, String url, String secret, Instant createdAt) {
    public static final String GENERIC = "webhook";
    public static final String SLACK = "slack";

    public Channel channel() { return SLACK.equals(kind) ? Channel.SLACK : Channel.WEBHOOK; }
}
