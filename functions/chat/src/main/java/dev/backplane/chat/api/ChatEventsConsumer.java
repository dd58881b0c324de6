package dev.backplane.chat.api;

import dev.backplane.chat.domain.ChatEvents;
import dev.backplane.chat.domain.ProductFact;
import dev.backplane.chat.domain.Responder;
import dev.backplane.chat.store.DynamoChatFacts;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** Routes chat's queue events: posted messages to the responder; order, credits and catalog events into chat's projection. */
public final class ChatEventsConsumer {
    private static final Map<String, String> ORDER_STATUS = Map.of("order.paid", "PAID", "order.fulfilled", "FULFILLED",
        "order.cancelled", "CANCELLED", "order.refund_requested", "REFUND_PENDING", "order.refunded", "REFUNDED",
        "order.flagged", "IN_REVIEW");

    private ChatEventsConsumer() {}

    public static Consumer<EventEnvelope> responder(Supplier<Responder> responder) {
        return event -> {
            if (!event.type().equals("chat.message_posted")) return;
            ChatEvents.MessagePosted posted = event.dataAs(ChatEvents.MessagePosted.class);
            responder.get().answer(posted, Trace.causedBy(event, new Actor(posted.userId(), List.of("user"))));
        };
    }

    public static Consumer<EventEnvelope> projection(Supplier<DynamoChatFacts> facts) {
        return event -> {
            JsonNode d = event.data();
            switch (event.type()) {
                case "order.placed" -> {
                    List<String> products = new ArrayList<>();
                    d.path("lines").forEach(l -> products.add(l.path("productId").asString() + " x" + l.path("qty").asInt()));
                    facts.get().orderPlaced(d.path("orderId").asString(), d.path("userId").asString(), d.path("total").asLong(),
                        d.path("currency").asString(), products, event.occurredAt());
                }
                case "product.listed" -> facts.get().productListed(new ProductFact(d.path("productId").asString(), d.path("name").asString(),
                    d.path("description").asString(""), d.path("price").asLong(), d.path("currency").asString()), event.occurredAt());
                case "credits.purchased", "credits.spent" -> facts.get().creditsChanged(d.path("userId").asString(), d.path("balance").asLong(),
                    event.occurredAt(), event.type().equals("credits.spent") && d.path("reason").asString("").equals("chat-reply")
                        ? d.path("amount").asLong() : 0);
                default -> {
                    String status = ORDER_STATUS.get(event.type());
                    String orderId = d.path("orderId").asString(null);
                    if (status != null && orderId != null) facts.get().orderStatus(orderId, status, event.occurredAt());
                }
            }
        };
    }
}
