package dev.backplane.devstack.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The simulator's state and Stripe's rules for it: sessions (open → complete | expired), payment intents, charges
 * and refunds, idempotent POSTs, and the event each change emits. All state changes are synchronized: it is a
 * development tool, correctness beats throughput.
 */
final class Ledger implements AutoCloseable {
    record Reply(int status, JsonNode body, boolean replayed) {
        static Reply ok(JsonNode body) { return new Reply(200, body, false); }

        static Reply error(int status, String code, String message) {
            return new Reply(status, Replies.error("invalid_request_error", code, message), false);
        }
    }

    private record Stored(String request, Reply reply) {}

    private final String base;
    private final WebhookSender webhooks;
    private final Map<String, ObjectNode> sessions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> intentMetadata = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> charges = new ConcurrentHashMap<>(); // by payment intent id
    private final Map<String, Stored> idempotency = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());

    Ledger(String base, WebhookSender webhooks) {
        this.base = base;
        this.webhooks = webhooks;
    }

    /** Open sessions past their {@code expires_at} expire by themselves, with their webhook, as on Stripe. */
    void startExpiryClock() { clock.scheduleAtFixedRate(this::expireOverdue, 1, 1, TimeUnit.SECONDS); }

    /** Stripe's idempotency: same key + same request → the first reply again; same key + other request → 400. */
    synchronized Reply idempotent(String key, String request, Supplier<Reply> action) {
        Stored stored = idempotency.get(key);
        if (stored != null) {
            if (!stored.request().equals(request)) {
                return Reply.error(400, "idempotency_key_in_use", "Keys for idempotent requests can only be used with the same parameters they were first used with.");
            }
            return new Reply(stored.reply().status(), stored.reply().body(), true);
        }
        Reply reply = action.get();
        if (reply.status() < 500) idempotency.put(key, new Stored(request, reply));
        return reply;
    }

    synchronized void forgetIdempotencyKeys() { idempotency.clear(); }

    Reply route(String method, String path, String body) {
        String[] p = path.substring("/v1/".length()).split("/");
        if (method.equals("POST") && path.equals("/v1/checkout/sessions")) return createSession(FormBody.parse(body));
        if (method.equals("GET") && p.length == 3 && p[0].equals("checkout") && p[1].equals("sessions")) {
            return find(p[2]).map(s -> Reply.ok(publicView(s))).orElseGet(() -> missing(p[2]));
        }
        if (method.equals("POST") && p.length == 4 && p[0].equals("checkout") && p[3].equals("expire")) return expire(p[2]);
        if (method.equals("POST") && path.equals("/v1/refunds")) return refund(FormBody.parse(body));
        return Reply.error(404, "resource_missing", "Unrecognized request URL (" + method + ": " + path + ")");
    }

    Optional<ObjectNode> find(String sessionId) { return Optional.ofNullable(sessions.get(sessionId)); }

    private synchronized Reply createSession(Map<String, Object> form) {
        if (!(form.get("line_items") instanceof List<?> items) || items.isEmpty()) {
            return Reply.error(400, "parameter_missing", "Missing required param: line_items.");
        }
        String id = Ids.of("cs_test_");
        long now = System.currentTimeMillis() / 1000;
        ObjectNode s = StripeSimulator.JSON.createObjectNode().put("id", id).put("object", "checkout.session")
            .put("created", now).put("livemode", false).put("mode", String.valueOf(form.getOrDefault("mode", "payment")))
            .put("status", "open").put("payment_status", "unpaid").put("url", base + "/checkout/" + id)
            .put("expires_at", form.containsKey("expires_at") ? Long.parseLong((String) form.get("expires_at")) : now + 86_400)
            .put("success_url", (String) form.get("success_url")).put("cancel_url", (String) form.get("cancel_url"))
            .put("client_reference_id", (String) form.get("client_reference_id"));
        s.putNull("payment_intent");
        long total = 0;
        String currency = null;
        var lines = s.putArray("simulator_line_items");
        for (Object item : items) {
            Map<String, String> line = FormBody.strings(item);
            Map<?, ?> price = (Map<?, ?>) ((Map<?, ?>) item).get("price_data");
            long unit = Long.parseLong(String.valueOf(price.get("unit_amount")));
            long qty = Long.parseLong(line.getOrDefault("quantity", "1"));
            currency = String.valueOf(price.get("currency"));
            String name = String.valueOf(((Map<?, ?>) price.get("product_data")).get("name"));
            lines.addObject().put("name", name).put("quantity", qty).put("unit_amount", unit);
            total += unit * qty;
        }
        s.put("amount_total", total).put("currency", currency);
        metadata(s.putObject("metadata"), FormBody.strings(form.get("metadata")));
        Object intentData = form.get("payment_intent_data");
        s.putObject("simulator_intent_metadata").setAll(metadataNode(intentData instanceof Map<?, ?> m ? FormBody.strings(m.get("metadata")) : Map.of()));
        sessions.put(id, s);
        return Reply.ok(publicView(s));
    }

    /** The buyer paid on the hosted page: the session completes, a payment intent and charge exist. */
    synchronized Optional<ObjectNode> pay(String sessionId) {
        ObjectNode s = sessions.get(sessionId);
        if (s == null || !"open".equals(s.get("status").asText())) return Optional.empty();
        String intent = Ids.of("pi_");
        s.put("status", "complete").put("payment_status", "paid").put("payment_intent", intent);
        Map<String, String> meta = strings(s.get("simulator_intent_metadata"));
        intentMetadata.put(intent, meta);
        ObjectNode charge = StripeSimulator.JSON.createObjectNode().put("id", Ids.of("ch_")).put("object", "charge")
            .put("amount", s.get("amount_total").asLong()).put("amount_refunded", 0).put("currency", s.get("currency").asText())
            .put("payment_intent", intent).put("paid", true).put("refunded", false).put("status", "succeeded");
        charge.putObject("metadata").setAll(metadataNode(meta));
        charges.put(intent, charge);
        emit("checkout.session.completed", publicView(s));
        return Optional.of(s);
    }

    /** The card was declined: Stripe reports the failed intent; the session stays open for another try. */
    synchronized boolean decline(String sessionId) {
        ObjectNode s = sessions.get(sessionId);
        if (s == null || !"open".equals(s.get("status").asText())) return false;
        ObjectNode intent = StripeSimulator.JSON.createObjectNode().put("id", Ids.of("pi_")).put("object", "payment_intent")
            .put("amount", s.get("amount_total").asLong()).put("currency", s.get("currency").asText())
            .put("status", "requires_payment_method");
        intent.putObject("metadata").setAll(metadataNode(strings(s.get("simulator_intent_metadata"))));
        intent.putObject("last_payment_error").put("type", "card_error").put("code", "card_declined")
            .put("decline_code", "generic_decline").put("message", "Your card was declined.");
        emit("payment_intent.payment_failed", intent);
        return true;
    }

    synchronized Reply expire(String sessionId) {
        ObjectNode s = sessions.get(sessionId);
        if (s == null) return missing(sessionId);
        if (!"open".equals(s.get("status").asText())) {
            return Reply.error(400, "checkout_session_not_open", "Only Checkout Sessions with a status in [\"open\"] can be expired.");
        }
        s.put("status", "expired");
        emit("checkout.session.expired", publicView(s));
        return Reply.ok(publicView(s));
    }

    private synchronized Reply refund(Map<String, Object> form) {
        String intent = (String) form.get("payment_intent");
        ObjectNode charge = intent == null ? null : charges.get(intent);
        if (charge == null) return Reply.error(404, "resource_missing", "No such payment_intent: '" + intent + "'");
        if (charge.get("refunded").asBoolean()) return Reply.error(400, "charge_already_refunded", "Charge " + charge.get("id").asText() + " has already been refunded.");
        long amount = form.containsKey("amount") ? Long.parseLong((String) form.get("amount")) : charge.get("amount").asLong();
        charge.put("amount_refunded", amount).put("refunded", amount >= charge.get("amount").asLong());
        ObjectNode refund = StripeSimulator.JSON.createObjectNode().put("id", Ids.of("re_")).put("object", "refund").put("amount", amount)
            .put("currency", charge.get("currency").asText()).put("charge", charge.get("id").asText()).put("payment_intent", intent)
            .put("status", "succeeded").put("created", System.currentTimeMillis() / 1000);
        refund.putObject("metadata").setAll(metadataNode(FormBody.strings(form.get("metadata"))));
        emit("charge.refunded", charge.deepCopy());
        return Reply.ok(refund);
    }

    private void expireOverdue() {
        long now = System.currentTimeMillis() / 1000;
        sessions.values().stream().filter(s -> "open".equals(s.get("status").asText()) && s.get("expires_at").asLong() <= now)
            .map(s -> s.get("id").asText()).toList().forEach(this::expire);
    }

    private void emit(String type, JsonNode object) {
        ObjectNode event = StripeSimulator.JSON.createObjectNode().put("id", Ids.of("evt_")).put("object", "event")
            .put("api_version", "2025-10-29.clover").put("created", System.currentTimeMillis() / 1000).put("type", type)
            .put("livemode", false).put("pending_webhooks", 1);
        event.putObject("request").putNull("id");
        event.putObject("data").set("object", object);
        webhooks.send(event);
    }

    /** What Stripe would show: the internal bookkeeping fields stay inside. */
    private static ObjectNode publicView(ObjectNode s) {
        ObjectNode copy = s.deepCopy();
        copy.remove(List.of("simulator_intent_metadata", "simulator_line_items"));
        return copy;
    }

    private static Reply missing(String id) { return Reply.error(404, "resource_missing", "No such checkout.session: '" + id + "'"); }

    private static ObjectNode metadataNode(Map<String, String> values) {
        ObjectNode n = StripeSimulator.JSON.createObjectNode();
        values.forEach(n::put);
        return n;
    }

    private static void metadata(ObjectNode target, Map<String, String> values) { target.setAll(metadataNode(values)); }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Override
    public void close() { clock.shutdownNow(); }
}
