package dev.backplane.billing.domain;

import dev.backplane.core.event.Subject;

/** What a checkout pays for: an order, or a credit pack bought by a user ({@code reference} keys its session). */
public record Purchase(String orderId, String packId, String userId, String reference) {
    public static Purchase order(String orderId, String userId) { return new Purchase(orderId, null, userId, "order:" + orderId); }

    public static Purchase creditPack(String packId, String userId, String purchaseId) {
        return new Purchase(null, packId, userId, "credits:" + userId + ":" + purchaseId);
    }

    public Subject subject() { return orderId != null ? new Subject("order", orderId) : new Subject("credit_pack", packId); }
}
