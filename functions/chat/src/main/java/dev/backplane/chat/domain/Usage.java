package dev.backplane.chat.domain;

import java.time.Instant;

/** Today's use of the assistant against the quota, and the credits the caller can spend. */
public record Usage(long messages, long messageLimit, long tokens, long tokenLimit, Instant resetsAt, long creditsAvailable,
                    long creditsReserved, long creditsPer1kTokens) {}
