package dev.backplane.billing.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a hosted checkout page should charge. {@code metadata} travels to the session and its payment (so webhooks
 * name the order or credit pack, and the chain's correlation id); amounts are in minor units.
 */
public record CheckoutRequest(List<LineItem> lines, String currency, String clientReferenceId, Map<String, String> metadata,
                              String successUrl, String cancelUrl, Instant expiresAt) {
    public record LineItem(String name, long unitAmount, long quantity) {}

    public CheckoutRequest {
        lines = List.copyOf(lines);
        metadata = Map.copyOf(metadata);
    }
}
