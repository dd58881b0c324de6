package dev.backplane.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backplane.core.http.HttpProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Crafted cursors once reached DynamoDB as malformed start keys (500s, anonymously on /products). */
class PageCursorTest {
    private static final Map<String, AttributeValue> KEY = Map.of("pk", Items.s("ORDER#o1"), "sk", Items.s("ORDER"),
        "gsi1pk", Items.s("USER#alice"), "gsi1sk", Items.s("2026-11-30T10:00:00Z#o1"), "n", Items.n(7));

    @Test
    void aCursorRoundTripsForTheBindingThatIssuedIt() {
        String cursor = PageCursor.encode(KEY, "orders:USER#alice");
        assertEquals(KEY, PageCursor.decode(cursor, "orders:USER#alice"));
        assertNull(PageCursor.encode(Map.of(), "x"));
        assertNull(PageCursor.decode(null, "x"));
    }

    @Test
    void anythingElseIsInvalidCursor() {
        String cursor = PageCursor.encode(KEY, "orders:USER#alice");
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
            "{\"gsi1pk\":{\"S\":\"PRODUCTS\"}}".getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(
            "", ".", "not-a-cursor", "Ym9ndXM", payload, payload + ".", payload + ".AAAA", forgedPayload + cursor.substring(cursor.indexOf('.')),
            cursor + "x", cursor.replace('A', 'B'), "x".repeat(5000), cursor.substring(1), "\u0000." + cursor)) {
            HttpProblemException e = assertThrows(HttpProblemException.class, () -> PageCursor.decode(bad, "orders:USER#alice"), bad);
            assertEquals(400, e.toProblem("c").status());
            assertEquals("https://backplane.dev/problems/invalid-cursor", e.toProblem("c").type());
        }
        // bound to caller and query: bob cannot use alice's cursor, nor the products listing an orders cursor
        assertThrows(HttpProblemException.class, () -> PageCursor.decode(cursor, "orders:USER#bob"));
        assertThrows(HttpProblemException.class, () -> PageCursor.decode(cursor, "products:PRODUCTS"));
    }
}
