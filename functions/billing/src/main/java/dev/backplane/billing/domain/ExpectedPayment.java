package dev.backplane.billing.domain;

/**
 * What Backplane asked Stripe to charge for one purchase, recorded with the checkout session when it was opened: a
 * session event is honoured only if it is this session, for this amount and currency, of this owner. For a credit
 * pack, {@code credits} is what the pack gave at purchase time (server-side, never from the webhook).
 * {@code paymentId} is the payment intent that paid it, recorded with the payment (null until then): only that
 * payment can be refunded or fail after the fact.
 */
public record ExpectedPayment(String sessionId, String orderId, String packId, String userId, long amount, String currency, long credits,
                              String paymentId) {
    public ExpectedPayment(String sessionId, String orderId, String packId, String userId, long amount, String currency, long credits) {
        this(sessionId, orderId, packId, userId, amount, currency, credits, null);
    }

    public static ExpectedPayment of(Purchase purchase, CheckoutSession session, CheckoutRequest request, long credits) {
        long amount = request.lines().stream().mapToLong(l -> Math.multiplyExact(l.unitAmount(), l.quantity())).sum();
        return new ExpectedPayment(session.id(), purchase.orderId(), purchase.packId(), purchase.userId(), amount, request.currency(), credits);
    }
}
