package dev.backplane.chat.domain;

import java.util.List;
import java.util.Optional;

/** Port: chat's projection of other domains' facts (orders, credits, the catalog), fed by their events. */
public interface ChatFacts {
    /** The user's orders, newest first. */
    List<OrderFact> orders(String userId, int limit);

    Optional<OrderFact> order(String orderId);

    Credits credits(String userId);

    /** Catalog products whose name or description contains every one of {@code words} (case-insensitive), by name. */
    List<ProductFact> searchProducts(List<String> words, int limit);
}
