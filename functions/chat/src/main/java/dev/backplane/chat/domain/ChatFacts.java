package dev.backplane.chat.domain;

import java.util.List;
import java.util.Optional;

/** Port: chat's projection of other domains' facts (orders, credits), fed by their events. */
public interface ChatFacts {
    /** The user's orders, newest first. */
    List<OrderFact> orders(String userId, int limit);

    Optional<OrderFact> order(String orderId);

    Credits credits(String userId);
}
