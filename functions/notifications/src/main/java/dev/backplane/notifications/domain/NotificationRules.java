package dev.backplane.notifications.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The rule table: which event becomes which user-facing notification, for whom, with title/body templates
 * ({@code {field}} = the event's data field) and a link into the SPA. Adding a notification = adding a row here.
 */
public final class NotificationRules {
    public enum Audience { OWNER, ADMINS }

    public record Rule(String eventType, Audience audience, String title, String body, String link) {
        public Rendered render(JsonNode data) { return new Rendered(fill(title, data), fill(body, data), fill(link, data)); }
    }

    public record Rendered(String title, String body, String link) {}

    private static final Pattern FIELD = Pattern.compile("\\{([a-zA-Z]+)}");
    public static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        add("order.paid", Audience.OWNER, "Payment received", "Order {orderId} is paid: {amount} {currency}.", "/orders/{orderId}");
        add("order.fulfilled", Audience.OWNER, "Order fulfilled", "Order {orderId} has been fulfilled.", "/orders/{orderId}");
        add("order.cancelled", Audience.OWNER, "Order cancelled", "Order {orderId} was cancelled ({reason}).", "/orders/{orderId}");
        add("order.refunded", Audience.OWNER, "Order refunded", "Order {orderId} was refunded: {amount} {currency}.", "/orders/{orderId}");
        add("payment.failed", Audience.OWNER, "Payment failed", "The payment for order {orderId} failed ({reason}).", "/orders/{orderId}");
        add("order.flagged", Audience.ADMINS, "Order held for review", "Order {orderId} was flagged (score {score}).", "/admin/review");
        add("digest.created", Audience.OWNER, "Your daily digest", "{summary}", "/notifications");
        add("credits.purchased", Audience.OWNER, "Credits added", "{amount} credits were added; balance {balance}.", "/billing");
    }

    private NotificationRules() {}

    private static void add(String type, Audience audience, String title, String body, String link) {
        RULES.put(type, new Rule(type, audience, title, body, link));
    }

    public static Optional<Rule> forEvent(String type) { return Optional.ofNullable(RULES.get(type)); }

    static String fill(String template, JsonNode data) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = data.get(m.group(1));
            String text = v == null || v.isNull() ? "" : v.isValueNode() ? v.asString() : v.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(text.length() > 500 ? text.substring(0, 500) : text));
        }
        m.appendTail(out);
        return out.toString();
    }
}
