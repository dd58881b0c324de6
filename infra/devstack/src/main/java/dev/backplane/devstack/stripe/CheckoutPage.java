package dev.backplane.devstack.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The hosted checkout page at a session's {@code url}: order summary with Pay and Decline buttons. Pay completes
 * the session and redirects (303) to its success URL; Decline reports a declined card and shows the page again.
 * Tests use the same two POSTs: {@code /checkout/{id}/pay}, {@code /checkout/{id}/decline}.
 */
final class CheckoutPage {
    private final Ledger ledger;

    CheckoutPage(Ledger ledger) { this.ledger = ledger; }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring("/checkout/".length()).split("/");
            String id = path[0];
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.length == 1) {
                var session = ledger.find(id);
                if (session.isEmpty()) Replies.send(exchange, 404, "text/html; charset=utf-8", "<h1>No such checkout session</h1>");
                else Replies.send(exchange, 200, "text/html; charset=utf-8", page(session.get(), null));
            } else if (method.equals("POST") && path.length == 2 && path[1].equals("pay")) {
                var paid = ledger.pay(id);
                if (paid.isEmpty()) {
                    Replies.send(exchange, 409, "text/html; charset=utf-8", "<h1>This checkout is no longer open</h1>");
                    return;
                }
                String success = paid.get().path("success_url").asText("");
                exchange.getResponseHeaders().set("Location", success.replace("{CHECKOUT_SESSION_ID}", id));
                Replies.send(exchange, 303, "text/html; charset=utf-8", "<p>Paid. Returning to the shop…</p>");
            } else if (method.equals("POST") && path.length == 2 && path[1].equals("decline")) {
                int status = ledger.decline(id) ? 402 : 409;
                Replies.send(exchange, status, "text/html; charset=utf-8", ledger.find(id).map(s -> page(s, "Your card was declined.")).orElse(""));
            } else {
                Replies.send(exchange, 404, "text/html; charset=utf-8", "<h1>Not found</h1>");
            }
        }
    }

    private static String page(ObjectNode s, String notice) {
        StringBuilder lines = new StringBuilder();
        s.path("simulator_line_items").forEach(l -> lines.append("<tr><td>").append(escape(l.path("name").asText())).append("</td><td>")
            .append(l.path("quantity").asLong()).append(" × ").append(money(l.path("unit_amount").asLong())).append("</td></tr>"));
        String id = escape(s.path("id").asText());
        boolean open = "open".equals(s.path("status").asText());
        return "<!doctype html><html><head><meta charset=utf-8><title>Checkout (devstack Stripe simulator)</title>"
            + "<style>body{font-family:system-ui;max-width:28rem;margin:3rem auto}button{font-size:1rem;padding:.5rem 1.5rem;margin-right:1rem}</style>"
            + "</head><body><h1>Checkout</h1><p><small>devstack Stripe simulator — no real money</small></p>"
            + (notice == null ? "" : "<p role=alert>" + escape(notice) + "</p>")
            + "<table>" + lines + "</table><p><strong>Total " + money(s.path("amount_total").asLong()) + " "
            + escape(s.path("currency").asText().toUpperCase()) + "</strong></p>"
            + (open ? "<form method=post action=\"/checkout/" + id + "/pay\" style=display:inline><button id=pay>Pay</button></form>"
                + "<form method=post action=\"/checkout/" + id + "/decline\" style=display:inline><button id=decline>Decline</button></form>"
                : "<p>This checkout is " + escape(s.path("status").asText()) + ".</p>")
            + "</body></html>";
    }

    private static String money(long minor) { return String.format("%d.%02d", minor / 100, minor % 100); }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
