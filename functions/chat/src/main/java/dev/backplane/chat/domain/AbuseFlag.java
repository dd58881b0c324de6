package dev.backplane.chat.domain;

import java.time.Instant;

/** A user whose messages were blocked repeatedly: admins review and may suspend them. */
public record AbuseFlag(String userId, long blockedMessages, String lastReason, Instant lastBlockedAt) {}
