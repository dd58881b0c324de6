package dev.backplane.billing.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.ConflictException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.event.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens hosted checkouts. One session per purchase: a repeat returns the recorded session, and the provider call
 * itself carries an idempotency key derived from the purchase, so even concurrent repeats get the same session.
 */
public final class CheckoutService {
    static final Duration KEY_WINDOW = Duration.ofMinutes(5);
    private final OrderLookup orders;
    private final CheckoutStore store;
    private final PaymentGateway gateway;
    private final BillingConfig config;
    private final Clock clock;

    public CheckoutService(OrderLookup orders, CheckoutStore store, PaymentGateway gateway, BillingConfig config, Clock clock) {
        this.orders = orders;
        this.store = store;
        this.gateway = gateway;
        this.config = config;
        this.clock = clock;
    }

    /** The owner pays an order that awaits payment; 404 for anyone else's order (no IDOR oracle), 409 if not payable. */
    public CheckoutSession checkoutOrder(Caller caller, String orderId, Trace trace) {
        PayableOrder order = orders.find(orderId).filter(o -> o.userId().equals(caller.userId()))
            .orElseThrow(() -> new NotFoundException("order", orderId));
        Purchase purchase = Purchase.order(orderId, caller.userId());
        if (!order.awaitsPayment()) {
            throw new ConflictException("illegal-transition", "order " + orderId + " is " + order.status() + " and cannot be paid");
        }
        var existing = store.find(purchase.reference()).filter(s -> s.expiresAt().isAfter(clock.instant()));
        if (existing.isPresent()) return existing.get();
        List<CheckoutRequest.LineItem> lines = order.lines().stream()
            .map(l -> new CheckoutRequest.LineItem(l.name(), l.unitPrice(), l.quantity())).toList();
        String correlationId = order.correlationId() != null ? order.correlationId() : trace.correlationId();
        return open(purchase, lines, order.currency(), metadata(purchase, correlationId), 0, trace);
    }

    /**
     * A user buys a credit pack: each call is a new purchase (the HTTP Idempotency-Key dedupes retries). The pack's
     * credits are recorded with the session and credited from there; they never travel through Stripe.
     */
    public CheckoutSession checkoutCreditPack(Caller caller, String packId, Trace trace) {
        CreditPack pack = CreditPack.find(packId).orElseThrow(() -> new NotFoundException("credit pack", packId));
        Purchase purchase = Purchase.creditPack(pack.id(), caller.userId(), UUID.randomUUID().toString());
        return open(purchase, List.of(new CheckoutRequest.LineItem(pack.name(), pack.price(), 1)), pack.currency(),
            metadata(purchase, trace.correlationId()), pack.credits(), trace);
    }

    private CheckoutSession open(Purchase purchase, List<CheckoutRequest.LineItem> lines, String currency,
                                 Map<String, String> metadata, long credits, Trace trace) {
        // Stripe rejects a reused idempotency key with other parameters: within one window both are identical, so
        // concurrent repeats get the same session; the expiry stays at least checkoutOpenFor away.
        long window = clock.instant().getEpochSecond() / KEY_WINDOW.toSeconds();
        Instant expiresAt = Instant.ofEpochSecond((window + 1) * KEY_WINDOW.toSeconds()).plus(config.checkoutOpenFor());
        CheckoutRequest request = new CheckoutRequest(lines, currency, purchase.reference(), metadata,
            config.successUrl(), config.cancelUrl(), expiresAt);
        CheckoutSession session = gateway.createCheckout(request, "checkout:" + purchase.reference() + ":" + window);
        ExpectedPayment expected = ExpectedPayment.of(purchase, session, request, credits);
        if (store.record(purchase.reference(), session, expected, BillingEvents.sessionCreated(purchase, session), trace)) return session;
        return store.find(purchase.reference()).orElse(session);
    }

    private static Map<String, String> metadata(Purchase p, String correlationId) {
        Map<String, String> m = new LinkedHashMap<>();
        if (p.orderId() != null) m.put("orderId", p.orderId());
        // a pack purchase's reference holds its purchase id, which nothing else names: its payment events are matched by it
        if (p.packId() != null) {
            m.put("packId", p.packId());
            m.put("reference", p.reference());
        }
        m.put("userId", p.userId());
        m.put("correlationId", correlationId);
        return m;
    }
}
