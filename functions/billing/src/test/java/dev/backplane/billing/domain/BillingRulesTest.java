package dev.backplane.billing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import dev.backplane.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Billing's pure rules: Stripe vocabulary → domain events, checkout parameters, credit changes, config bounds. */
class BillingRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:02:00Z");

    private static StripeNotice notice(String type, String object) {
        return new StripeNotice("evt_1", type, NOW, Json.tree(object), false);
    }

    private static final ExpectedPayment ORDER = new ExpectedPayment("cs_1", "ord_1", null, "u", 500, "EUR", 0);
    private static final ExpectedPayment PACK = new ExpectedPayment("cs_2", null, "pack-100", "u", 500, "EUR", 100);
    private static final ExpectedPayment PAID_ORDER = new ExpectedPayment("cs_3", "ord_2", null, "u", 500, "EUR", 0, "pi_2");

    private static WebhookOutcome translate(StripeNotice notice) {
        return StripeTranslation.translate(notice, reference -> switch (reference) {
            case "order:ord_1" -> Optional.of(ORDER);
            case "credits:u:p1" -> Optional.of(PACK);
            case "order:ord_2" -> Optional.of(PAID_ORDER);
            default -> Optional.empty();
        }, false);
    }

    private static StripeNotice paid(String object) {
        return new StripeNotice("evt_1", "checkout.session.completed", NOW, Json.tree(object), false);
    }

    @Test
    void stripeEventsTranslateToPaymentEvents() {
        var paid = translate(paid("{\"id\":\"cs_1\",\"payment_status\":\"paid\","
            + "\"payment_intent\":\"pi_1\",\"amount_total\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\",\"userId\":\"u\",\"correlationId\":\"corr-12345678\"}}"));
        assertEquals("payment.succeeded", paid.events().getFirst().type());
        assertEquals("corr-12345678", paid.correlationId());
        assertTrue(paid.credits().isEmpty());
        assertEquals(new WebhookOutcome.CheckoutPaid("order:ord_1", "cs_1", "pi_1"), paid.paid().orElseThrow(), "the payment is kept with its checkout");

        var unpaid = translate(paid("{\"id\":\"cs_1\",\"payment_status\":\"unpaid\",\"metadata\":{\"orderId\":\"ord_1\"}}"));
        assertFalse(unpaid.actsOnIt()); // async payment: wait for async_payment_succeeded

        // credits come from the recorded pack, whatever the metadata claims
        var pack = translate(paid("{\"id\":\"cs_2\",\"payment_status\":\"paid\",\"client_reference_id\":\"credits:u:p1\",\"amount_total\":500,"
            + "\"currency\":\"eur\",\"metadata\":{\"packId\":\"pack-100\",\"userId\":\"u\",\"credits\":\"1000000\"}}"));
        assertEquals(new CreditChange("u", 100, "purchase:pack-100", "session:cs_2"), pack.credits().orElseThrow());

        var expired = translate(notice("checkout.session.expired", "{\"id\":\"cs_1\",\"amount_total\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\"}}"));
        assertEquals("expired", ((BillingEvents.PaymentFailed) expired.events().getFirst().data()).reason());
        assertFalse(((BillingEvents.PaymentFailed) expired.events().getFirst().data()).retryable());
        var declined = translate(notice("payment_intent.payment_failed",
            "{\"id\":\"pi_1\",\"amount\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\"},\"last_payment_error\":{\"code\":\"card_declined\",\"decline_code\":\"insufficient_funds\"}}"));
        assertEquals("insufficient_funds", ((BillingEvents.PaymentFailed) declined.events().getFirst().data()).reason());
        assertTrue(((BillingEvents.PaymentFailed) declined.events().getFirst().data()).retryable(), "a declined card may be retried");
        var refunded = translate(notice("charge.refunded",
            "{\"id\":\"ch_1\",\"payment_intent\":\"pi_2\",\"amount\":500,\"amount_refunded\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_2\"}}"));
        assertEquals(new BillingEvents.PaymentRefunded("ord_2", "pi_2", "ch_1", 500, "EUR"), refunded.events().getFirst().data());

        assertFalse(translate(paid("{\"id\":\"cs_x\",\"payment_status\":\"paid\",\"metadata\":{}}")).actsOnIt());
        assertFalse(translate(notice("invoice.paid", "{\"id\":\"in_1\"}")).actsOnIt());
    }

    /** A signed completion once paid a 690 EUR order with 1 cent USD of another user's unknown session. */
    @Test
    void paidSessionsThatDoNotMatchTheRecordedCheckoutAreRejected() {
        String base = "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"amount_total\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\",\"userId\":\"u\"}}";
        Map<String, String> forgeries = new java.util.LinkedHashMap<>();
        forgeries.put("amount", base.replace("500", "1"));
        forgeries.put("currency", base.replace("eur", "usd"));
        forgeries.put("session", base.replace("cs_1", "cs_unknown"));
        forgeries.put("owner", base.replace("\"userId\":\"u\"", "\"userId\":\"mallory\""));
        forgeries.put("order", base.replace("ord_1", "ord_unknown"));
        forgeries.put("pack on an order", base.replace("\"orderId\":\"ord_1\"", "\"orderId\":\"ord_1\",\"packId\":\"pack-2000\""));
        forgeries.put("reference of a pack", base.replace("\"id\":\"cs_1\"", "\"id\":\"cs_1\",\"client_reference_id\":\"credits:u:p1\""));
        forgeries.forEach((what, object) -> assertTrue(translate(paid(object)).isRejected(), what));
        assertTrue(translate(new StripeNotice("evt_1", "checkout.session.completed", NOW, Json.tree(base), true)).isRejected(), "live mode");
        assertTrue(translate(new StripeNotice("evt_1", "checkout.session.completed", NOW, Json.tree(base), null)).isRejected(), "no livemode");
        assertFalse(translate(paid(base)).isRejected());
    }

    /** Expiries, declines and refunds once moved whatever order their metadata named. */
    @Test
    void expiriesDeclinesAndRefundsMustMatchTheRecordedCheckoutAndPayment() {
        Map<String, StripeNotice> forgeries = new java.util.LinkedHashMap<>();
        forgeries.put("expiry of another session", notice("checkout.session.expired",
            "{\"id\":\"cs_x\",\"amount_total\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\"}}"));
        forgeries.put("expiry of a paid checkout", notice("checkout.session.expired",
            "{\"id\":\"cs_3\",\"amount_total\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_2\"}}"));
        forgeries.put("decline of another amount", notice("payment_intent.payment_failed",
            "{\"id\":\"pi_1\",\"amount\":1,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\"}}"));
        forgeries.put("decline of another payment", notice("payment_intent.payment_failed",
            "{\"id\":\"pi_x\",\"amount\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_2\"}}"));
        forgeries.put("refund of an unpaid order", notice("charge.refunded",
            "{\"id\":\"ch_1\",\"payment_intent\":\"pi_1\",\"amount\":500,\"amount_refunded\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\"}}"));
        forgeries.put("refund of another payment", notice("charge.refunded",
            "{\"id\":\"ch_1\",\"payment_intent\":\"pi_x\",\"amount\":500,\"amount_refunded\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_2\"}}"));
        forgeries.put("refund in another currency", notice("charge.refunded",
            "{\"id\":\"ch_1\",\"payment_intent\":\"pi_2\",\"amount\":500,\"amount_refunded\":500,\"currency\":\"usd\",\"metadata\":{\"orderId\":\"ord_2\"}}"));
        forgeries.put("refund in live mode", new StripeNotice("evt_1", "charge.refunded", NOW, Json.tree(
            "{\"id\":\"ch_1\",\"payment_intent\":\"pi_2\",\"amount\":500,\"amount_refunded\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_2\"}}"), true));
        forgeries.put("a broken envelope", StripeNotice.broken("unidentified_1", "unknown", "event has no id"));
        forgeries.forEach((what, notice) -> assertTrue(translate(notice).isRejected(), what));
        // events naming none of our orders or packs are still merely ignored (e.g. `stripe trigger`)
        assertFalse(translate(notice("charge.refunded", "{\"id\":\"ch_1\",\"metadata\":{}}")).isRejected());
        assertFalse(translate(notice("checkout.session.expired", "{\"id\":\"cs_9\"}")).isRejected());
    }

    /** Wrong field types once crashed the webhook (500s that Stripe retries for days). */
    @Test
    void fieldsOfTheWrongTypeRejectTheEventInsteadOfCrashing() {
        for (String object : List.of(
            "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"amount_total\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":{\"x\":1}}}",
            "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"amount_total\":\"500\",\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\"}}",
            "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"amount_total\":5.5,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\"}}",
            "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"amount_total\":-500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\"}}",
            "{\"id\":[1],\"payment_status\":\"paid\",\"amount_total\":500,\"currency\":\"eur\",\"metadata\":{\"orderId\":\"ord_1\"}}",
            "{\"id\":\"cs_1\",\"payment_status\":true,\"metadata\":{\"orderId\":\"ord_1\"}}",
            "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"metadata\":\"ord_1\"}",
            "{\"id\":\"cs_2\",\"payment_status\":\"paid\",\"client_reference_id\":7,\"metadata\":{\"packId\":\"pack-100\",\"credits\":\"lots\"}}")) {
            assertTrue(translate(paid(object)).isRejected(), object);
        }
        assertTrue(translate(notice("charge.refunded", "{\"id\":\"ch_1\",\"amount_refunded\":{},\"metadata\":{\"orderId\":\"ord_1\"}}")).isRejected());
    }

    @Test
    void checkoutSendsTheOrderLinesAndKeepsTheIdempotencyKeyAndParametersStableWithinAWindow() {
        var gateway = new RecordingGateway();
        var store = new MemoryCheckoutStore();
        OrderLookup orders = id -> Optional.of(new PayableOrder(id, "user-alice", "PENDING_PAYMENT",
            List.of(new PayableOrder.Line("Mug", 1800, 2)), 3600, "EUR", "corr-order"));
        var config = new BillingConfig("https://shop/ok", "https://shop/cancel", Duration.ofMinutes(30), Duration.ofMinutes(5));
        Caller alice = new Caller("user-alice", null, List.of("user"));
        Trace trace = Trace.startedBy(new Actor("user-alice", List.of()));

        new CheckoutService(orders, store, gateway, config, Clock.fixed(NOW, ZoneOffset.UTC)).checkoutOrder(alice, "ord_1", trace);
        store.sessions.clear(); // as if the first call crashed before recording: the repeat must send the same request
        new CheckoutService(orders, store, gateway, config, Clock.fixed(NOW.plusSeconds(100), ZoneOffset.UTC)).checkoutOrder(alice, "ord_1", trace);
        assertEquals(gateway.keys.get(0), gateway.keys.get(1));
        assertEquals(gateway.requests.get(0), gateway.requests.get(1));
        CheckoutRequest r = gateway.requests.getFirst();
        assertEquals(List.of(new CheckoutRequest.LineItem("Mug", 1800, 2)), r.lines());
        assertEquals("corr-order", r.metadata().get("correlationId"));
        assertTrue(!r.expiresAt().isBefore(NOW.plus(Duration.ofMinutes(30))));
        assertEquals(new ExpectedPayment("cs_1", "ord_1", null, "user-alice", 3600, "EUR", 0), store.expected.get("order:ord_1"));

        assertThrows(dev.backplane.core.error.NotFoundException.class, () -> new CheckoutService(orders, store, gateway, config, Clock.systemUTC())
            .checkoutOrder(new Caller("user-bob", null, List.of()), "ord_1", trace));
    }

    @Test
    void configAndCreditChangesRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new BillingConfig("a", "b", Duration.ofMinutes(10), Duration.ofMinutes(5)));
        assertThrows(IllegalArgumentException.class, () -> new CreditChange("u", 0, "r", "ref"));
        assertThrows(IllegalArgumentException.class, () -> new CreditChange("u", 5, "r", " "));
        assertEquals("credits.spent", new CreditChange("u", -5, "reply", "ref").event(10).type());
        assertEquals("credits.purchased", new CreditChange("u", 5, "purchase", "ref").event(10).type());
    }

    private static final class RecordingGateway implements PaymentGateway {
        final List<CheckoutRequest> requests = new ArrayList<>();
        final List<String> keys = new ArrayList<>();

        @Override
        public CheckoutSession createCheckout(CheckoutRequest request, String idempotencyKey) {
            requests.add(request);
            keys.add(idempotencyKey);
            return new CheckoutSession("cs_" + requests.size(), "https://pay/cs", request.expiresAt());
        }

        @Override
        public void refund(String paymentIntentId, String idempotencyKey, Map<String, String> metadata) {}

        @Override
        public void expireCheckout(String sessionId) {}
    }

    private static final class MemoryCheckoutStore implements CheckoutStore {
        final Map<String, CheckoutSession> sessions = new HashMap<>();
        final Map<String, ExpectedPayment> expected = new HashMap<>();

        @Override
        public Optional<CheckoutSession> find(String reference) { return Optional.ofNullable(sessions.get(reference)); }

        @Override
        public Optional<ExpectedPayment> expected(String reference) { return Optional.ofNullable(expected.get(reference)); }

        @Override
        public boolean record(String reference, CheckoutSession session, ExpectedPayment payment, NewEvent event, Trace trace) {
            expected.putIfAbsent(reference, payment);
            return sessions.putIfAbsent(reference, session) == null;
        }
    }
}
