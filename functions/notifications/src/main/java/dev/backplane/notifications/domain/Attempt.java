package dev.backplane.notifications.domain;

import java.time.Instant;

/** One delivery attempt, kept with the delivery: its number, outcome and error (never a secret or a body). */
public record Attempt(int number, String status, String error, Instant at) {}
