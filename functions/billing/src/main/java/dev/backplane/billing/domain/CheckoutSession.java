package dev.backplane.billing.domain;

import java.time.Instant;

/** An open hosted checkout: where to send the buyer and until when it can be paid. */
public record CheckoutSession(String id, String url, Instant expiresAt) {}
