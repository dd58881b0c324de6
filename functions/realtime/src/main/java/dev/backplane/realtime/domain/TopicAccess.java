// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.auth.Caller;

/**
 * Who may subscribe to what: your own user topic, orders you own, and the admin feed if you are an admin (which
 * already carries every event, so admins get no bypass on other users' topics). A refusal never says whether an
 * order exists, so topics cannot be used to probe order ids.
 */
public final class TopicAccess {
    private final OrderOwners orders;
    private final OrderOwners conversations;

    public TopicAccess(OrderOwners orders) { this(orders, id -> java.util.Optional.empty()); }

    /** {@code conversations}: the owner of a chat conversation, looked up the same way as an order's. */
    public TopicAccess(OrderOwners orders, OrderOwners conversations) {
        this.orders = orders;
        this.conversations = conversations;
    }

    public boolean mayRead(Caller caller, Topic topic) {
        return switch (topic.kind()) {
            case USER -> topic.id().equals(caller.userId());
            case ORDER -> orders.ownerOf(topic.id()).map(caller.userId()::equals).orElse(false);
            case ADMIN -> caller.isAdmin();
            case CONVERSATION -> conversations.ownerOf(topic.id()).map(caller.userId()::equals).orElse(false);
        };
    }
}
