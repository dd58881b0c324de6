// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {
    @Test
    void parsesTheThreeKindsAndPrintsThemBack() {
        assertEquals(Topic.user("user-alice"), Topic.parse("user:user-alice"));
        assertEquals(Topic.order("ord_123"), Topic.parse("order:ord_123"));
        assertEquals(Topic.ADMIN, Topic.parse("admin"));
        assertEquals("order:ord_123", Topic.parse("order:ord_123").value());
        assertEquals("user:3f1c-9a@idp|x", Topic.parse("user:3f1c-9a@idp|x").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "user", "user:", "order:", "orders:1", "admin:x", "order:a b", "order:../admin", "order:<script>",
        "Order:1"})
    void rejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> Topic.parse(text));
    }

    @Test
    void rejectsOverlongTopics() {
        assertThrows(IllegalArgumentException.class, () -> Topic.parse("order:" + "x".repeat(200)));
    }
}
