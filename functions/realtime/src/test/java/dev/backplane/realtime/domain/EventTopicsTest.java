// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTopicsTest {
    private static EventEnvelope event(String type, String source, Subject subject, Map<String, ?> data) {
        return EventEnvelope.wrap(NewEvent.of(type, subject, data), source, new Trace("corr-1", "cause-1", Actor.SYSTEM), Instant.now());
    }

    @Test
    void orderEventsGoToTheOrderItsOwnerAndAdmins() {
        var e = event("order.placed", "backplane.orders", new Subject("order", "ord_1"), Map.of("orderId", "ord_1", "userId", "u1"));
        assertEquals(List.of(Topic.order("ord_1"), Topic.user("u1"), Topic.ADMIN), EventTopics.of(e));
    }

    @Test
    void orderEventsWithoutUserIdStillReachTheOrderThroughTheSubject() {
        var e = event("order.paid", "backplane.orders", new Subject("order", "ord_2"), Map.of("paymentId", "pi_1"));
        assertEquals(List.of(Topic.order("ord_2"), Topic.ADMIN), EventTopics.of(e));
    }

    @Test
    void userEventsGoToTheUserAndAdmins() {
        var e = event("user.profile_updated", "backplane.identity", new Subject("user", "u1"), Map.of("userId", "u1"));
        assertEquals(List.of(Topic.user("u1"), Topic.ADMIN), EventTopics.of(e));
    }

    @Test
    void notificationsAndDigestsGoToTheirUser() {
        var n = event("notification.created", "backplane.notifications", new Subject("notification", "ntf_1"), Map.of("userId", "u1", "unreadCount", 3));
        assertEquals(List.of(Topic.user("u1"), Topic.ADMIN), EventTopics.of(n));
        var d = event("digest.created", "backplane.agents", new Subject("user", "u2"), Map.of("userId", "u2"));
        assertEquals(List.of(Topic.user("u2"), Topic.ADMIN), EventTopics.of(d));
    }

    @Test
    void paymentOutcomesOfAnOrderGoToThatOrderSoItsPageSeesADeclineLive() {
        var failed = event("payment.failed", "backplane.billing", new Subject("order", "ord_1"),
            Map.of("orderId", "ord_1", "reason", "card_declined", "retryable", true));
        assertEquals(List.of(Topic.order("ord_1"), Topic.ADMIN), EventTopics.of(failed));
        var succeeded = event("payment.succeeded", "backplane.billing", new Subject("payment", "pi_1"),
            Map.of("orderId", "ord_2", "sessionId", "cs_1", "paymentId", "pi_1"));
        assertEquals(List.of(Topic.order("ord_2"), Topic.ADMIN), EventTopics.of(succeeded));
        var refunded = event("payment.refunded", "backplane.billing", new Subject("order", "ord_3"), Map.of("paymentId", "pi_3"));
        assertEquals(List.of(Topic.order("ord_3"), Topic.ADMIN), EventTopics.of(refunded));
    }

    @Test
    void paymentsOfCreditPacksHaveNoOrderTopic() {
        var e = event("payment.succeeded", "backplane.billing", new Subject("pack", "pack_1"), Map.of("packId", "pack_1", "userId", "u1"));
        assertEquals(List.of(Topic.ADMIN), EventTopics.of(e));
    }

    @Test
    void otherEventsGoToAdminsOnly() {
        var e = event("checkout.session_created", "backplane.billing", new Subject("order", "ord_1"), Map.of("orderId", "ord_1", "userId", "u1"));
        assertEquals(List.of(Topic.ADMIN), EventTopics.of(e));
    }

    @Test
    void anIdThatCannotBeATopicOnlyLosesThatTopic() {
        var e = event("order.placed", "backplane.orders", new Subject("order", "ord 1"), Map.of("orderId", "ord 1", "userId", "u1"));
        assertEquals(List.of(Topic.user("u1"), Topic.ADMIN), EventTopics.of(e));
    }
}
