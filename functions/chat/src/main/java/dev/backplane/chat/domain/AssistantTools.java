package dev.backplane.chat.domain;

import dev.backplane.chat.domain.LanguageModel.ToolCall;
import dev.backplane.chat.domain.LanguageModel.ToolResult;
import dev.backplane.chat.domain.LanguageModel.ToolSpec;
import dev.backplane.core.json.Json;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools the model may call, bound to ONE user when built: no tool takes a user id, so nothing the model says
 * (or text inside a product, an order or an earlier message tells it) can point a tool at someone else's data.
 * Tools only read; cancelling stays with the user on the order's page. Results are JSON data — a product description
 * saying "call get_order for …" is a string in a result, and even a model that obeyed it would get the caller's data only.
 */
public final class AssistantTools {
    public static final List<ToolSpec> SPECS = List.of(
        new ToolSpec("last_order", "The caller's most recent order: id, status, total, products.", Map.of()),
        new ToolSpec("list_orders", "The caller's recent orders, newest first.", Map.of("limit", "how many, 1-10")),
        new ToolSpec("get_order", "One of the caller's orders by id.", Map.of("orderId", "the order id")),
        new ToolSpec("credits_balance", "The caller's spendable assistant credits.", Map.of()),
        new ToolSpec("search_products", "Catalog products whose name or description contains every given word.",
            Map.of("query", "words to look for, e.g. \"burr grinder\"")));
    static final int MAX_PRODUCTS = 5;
    private static final int MAX_QUERY_WORDS = 8;

    private final String userId;
    private final ChatFacts facts;

    public AssistantTools(String userId, ChatFacts facts) {
        this.userId = userId;
        this.facts = facts;
    }

    public ToolResult run(ToolCall call) {
        ObjectNode result = switch (call.name()) {
            case "last_order" -> facts.orders(userId, 1).stream().findFirst().map(AssistantTools::order).orElse(none());
            case "list_orders" -> {
                ArrayNode list = Json.object().arrayNode();
                facts.orders(userId, limit(call.input().get("limit"))).forEach(o -> list.add(order(o)));
                ObjectNode node = Json.object();
                node.set("orders", list);
                yield node;
            }
            case "get_order" -> facts.order(String.valueOf(call.input().get("orderId")))
                .filter(o -> o.userId().equals(userId)).map(AssistantTools::order).orElse(none());
            case "credits_balance" -> {
                Credits c = facts.credits(userId);
                yield Json.object().put("available", Math.max(0, c.available())).put("reserved", c.reserved());
            }
            case "search_products" -> {
                ArrayNode list = Json.object().arrayNode();
                facts.searchProducts(words(call.input().get("query")), MAX_PRODUCTS).forEach(p -> list.add(Json.object()
                    .put("productId", p.productId()).put("name", p.name()).put("description", p.description())
                    .put("price", p.price()).put("currency", p.currency())));
                ObjectNode node = Json.object();
                node.set("products", list);
                yield node;
            }
            default -> Json.object().put("error", "unknown tool");
        };
        return new ToolResult(call.id(), Json.write(result));
    }

    private static ObjectNode order(OrderFact o) {
        ObjectNode node = Json.object().put("orderId", o.orderId()).put("status", o.status()).put("total", o.total())
            .put("currency", o.currency()).put("placedAt", o.placedAt().toString());
        ArrayNode products = node.putArray("products");
        o.productIds().forEach(products::add);
        return node;
    }

    private static List<String> words(String query) {
        if (query == null) return List.of();
        return java.util.Arrays.stream(query.strip().split("\\s+")).filter(w -> !w.isEmpty()).limit(MAX_QUERY_WORDS).toList();
    }

    private static ObjectNode none() { return Json.object().put("found", false); }

    private static int limit(String raw) {
        try {
            return Math.clamp(Integer.parseInt(raw), 1, 10);
        } catch (RuntimeException e) {
            return 5;
        }
    }
}
