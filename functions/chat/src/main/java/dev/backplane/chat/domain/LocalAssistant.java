package dev.backplane.chat.domain;

import dev.backplane.chat.domain.LanguageModel.ModelException.Kind;
import dev.backplane.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A deterministic assistant with a fixed grammar (docs/chat.md), the default on devstack and in tests: no network, no
 * model files. It goes through the same motions as a real model: it asks for tools, answers from their results
 * (never from anything else), streams its answer in chunks, counts tokens and fails on request
 * ("simulate throttling", "simulate outage", "simulate broken stream") and classifies messages for moderation
 * ({@link ModerationClassifier}: flags "simulate flagged content", fails on "simulate classifier outage"). Only the caller's latest message is read as a
 * request; tool results and older messages are data it quotes, never instructions it follows.
 */
public final class LocalAssistant implements LanguageModel {
    private static final Pattern CONFIRM_CANCEL = Pattern.compile("\\byes,? cancel order ([A-Za-z0-9_-]{1,64})");
    private static final Pattern CANCEL = Pattern.compile("\\bcancel order ([A-Za-z0-9_-]{1,64})");
    private static final Pattern ORDER_ID = Pattern.compile("\\border ([A-Za-z0-9]+_[A-Za-z0-9_-]{1,60})");
    private static final Pattern SEARCH = Pattern.compile(
        "^(?:please,? )?(?:find|search for|search|look for|do you have|do you sell)\\s+(?:any |some |a |an )?(.{1,200}?)[\\s?.!]*$");
    private static final int WORDS_PER_CHUNK = 3;

    private enum Intent { LAST_ORDER, ORDER, CANCEL, CONFIRM_CANCEL, CREDITS, ORDERS, SEARCH, HELP }

    /** What was asked; {@code arg} is the order id, or the search words. */
    private record Ask(Intent intent, String arg) {}

    @Override
    public String provider() { return "local"; }

    @Override
    public String model() { return "local-assistant-1"; }

    @Override
    public Reply converse(Request request, Consumer<String> onText) {
        String said = latestUserText(request.turns()).toLowerCase(Locale.ROOT);
        if (ModerationClassifier.SYSTEM.equals(request.system())) return classify(said);
        if (said.contains("simulate throttling")) throw new ModelException(Kind.THROTTLED, "local assistant: throttled on request", 1);
        if (said.contains("simulate outage")) throw new ModelException(Kind.UNAVAILABLE, "local assistant: outage on request");
        long tokensIn = request.turns().stream().mapToLong(LocalAssistant::tokens).sum() + Tokens.estimate(request.system());
        Ask ask = parse(said);
        Turn last = request.turns().getLast();
        if (!(last instanceof ToolResultsTurn results)) {
            ToolCall call = toolFor(ask, request.turns().size());
            if (call != null) return new Reply("", List.of(call), tokensIn, 8);
            String text = answer(ask, null);
            return new Reply(stream(text, onText, said.contains("simulate broken stream")), List.of(), tokensIn, Tokens.estimate(text));
        }
        JsonNode data = Json.tree(results.results().getFirst().content());
        String text = answer(ask, data);
        return new Reply(stream(text, onText, false), List.of(), tokensIn, Tokens.estimate(text));
    }

    /** Asked to classify a message (moderation): flags only on request, fails on request, as a real classifier could. */
    private static Reply classify(String said) {
        if (said.contains("simulate classifier outage")) throw new ModelException(Kind.UNAVAILABLE, "local assistant: classifier outage on request");
        String verdict = said.contains("simulate flagged content") ? "flagged: simulated" : "ok";
        return new Reply(verdict, List.of(), Tokens.estimate(said), Tokens.estimate(verdict));
    }

    private static Ask parse(String said) {
        Matcher m;
        if ((m = CONFIRM_CANCEL.matcher(said)).find()) return new Ask(Intent.CONFIRM_CANCEL, m.group(1));
        if ((m = CANCEL.matcher(said)).find()) return new Ask(Intent.CANCEL, m.group(1));
        if (said.matches("(?s).*\\b(last|latest|most recent) order\\b.*")) return new Ask(Intent.LAST_ORDER, null);
        if ((m = ORDER_ID.matcher(said)).find()) return new Ask(Intent.ORDER, m.group(1));
        if ((m = SEARCH.matcher(said.strip())).matches()) return new Ask(Intent.SEARCH, m.group(1).strip());
        if (said.matches("(?s).*\\b(credits?|balance)\\b.*")) return new Ask(Intent.CREDITS, null);
        if (said.matches("(?s).*\\b(my|list|all) orders\\b.*")) return new Ask(Intent.ORDERS, null);
        return new Ask(Intent.HELP, null);
    }

    private static ToolCall toolFor(Ask ask, int round) {
        String id = "call-" + round;
        return switch (ask.intent()) {
            case LAST_ORDER -> new ToolCall(id, "last_order", Map.of());
            case ORDER, CANCEL -> new ToolCall(id, "get_order", Map.of("orderId", ask.arg()));
            case SEARCH -> new ToolCall(id, "search_products", Map.of("query", ask.arg()));
            case CREDITS -> new ToolCall(id, "credits_balance", Map.of());
            case ORDERS -> new ToolCall(id, "list_orders", Map.of("limit", "5"));
            case CONFIRM_CANCEL, HELP -> null;
        };
    }

    private static String answer(Ask ask, JsonNode data) {
        return switch (ask.intent()) {
            case HELP -> "I can tell you about your orders, your credits and our products. Try: \"where is my last order?\", "
                + "\"status of order <id>\", \"list my orders\", \"how many credits do I have?\", \"find <words>\" or \"cancel order <id>\".";
            case SEARCH -> {
                List<String> lines = new ArrayList<>();
                data.path("products").forEach(p -> lines.add(p.path("name").asString() + " (" + p.path("productId").asString() + ", "
                    + money(p.path("price").asLong(), p.path("currency").asString()) + "): " + p.path("description").asString()));
                yield lines.isEmpty() ? "I found no products matching \"" + ask.arg() + "\"."
                    : "I found " + lines.size() + (lines.size() == 1 ? " product" : " products") + ": " + String.join("; ", lines);
            }
            case CONFIRM_CANCEL -> "I don't cancel orders myself, so nothing changes by accident: open order " + ask.arg()
                + " and choose Cancel there.";
            case CREDITS -> "You have " + data.path("available").asLong() + " credits available"
                + (data.path("reserved").asLong() > 0 ? " (" + data.path("reserved").asLong() + " held for replies in progress)." : ".");
            case ORDERS -> {
                List<String> lines = new ArrayList<>();
                data.path("orders").forEach(o -> lines.add(describe(o)));
                yield lines.isEmpty() ? "You have no orders yet." : "Your recent orders: " + String.join("; ", lines) + ".";
            }
            case LAST_ORDER -> found(data) ? "Your last order is " + describe(data) + "." : "You have no orders yet.";
            case ORDER -> found(data) ? "Order " + describe(data) + "." : "I can't find order " + ask.arg() + " among your orders.";
            case CANCEL -> found(data)
                ? "Order " + describe(data) + ". Do you want to cancel it? Reply \"yes, cancel order " + ask.arg() + "\" to confirm."
                : "I can't find order " + ask.arg() + " among your orders.";
        };
    }

    private static boolean found(JsonNode data) { return data.has("orderId"); }

    private static String describe(JsonNode o) {
        List<String> products = new ArrayList<>();
        o.path("products").forEach(p -> products.add(p.asString()));
        return o.path("orderId").asString() + " is " + o.path("status").asString().toLowerCase(Locale.ROOT).replace('_', ' ')
            + " (" + money(o.path("total").asLong(), o.path("currency").asString()) + ", " + String.join(", ", products)
            + ", placed " + o.path("placedAt").asString() + ")";
    }

    private static String money(long minor, String currency) { return String.format(Locale.ROOT, "%d.%02d %s", minor / 100, minor % 100, currency); }

    /** Emits the text a few words at a time, as a model's stream would; a "broken" stream stops half way. */
    private static String stream(String text, Consumer<String> onText, boolean breakOff) {
        String[] words = text.split("(?<= )");
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < words.length; i += WORDS_PER_CHUNK) {
            if (breakOff && i >= words.length / 2) throw new ModelException(ModelException.Kind.BROKEN_STREAM, "local assistant: stream broken on request");
            String chunk = String.join("", java.util.Arrays.copyOfRange(words, i, Math.min(words.length, i + WORDS_PER_CHUNK)));
            onText.accept(chunk);
            sent.append(chunk);
        }
        return sent.toString();
    }

    private static String latestUserText(List<Turn> turns) {
        for (int i = turns.size() - 1; i >= 0; i--) if (turns.get(i) instanceof UserTurn u) return u.text();
        return "";
    }

    private static long tokens(Turn turn) {
        return switch (turn) {
            case UserTurn u -> Tokens.estimate(u.text());
            case AssistantTurn a -> Tokens.estimate(a.text()) + 8L * a.calls().size();
            case ToolResultsTurn r -> r.results().stream().mapToLong(x -> Tokens.estimate(x.content())).sum();
        };
    }
}
