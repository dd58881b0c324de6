package dev.backplane.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backplane.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A quantity of 1.5 or "1" was once taken as 1; 400 details named Java classes; broken text was stored as is. */
class StrictBodyTest {
    record Line(String productId, Integer quantity) {}

    record Order(List<Line> lines, String note, Boolean gift) {}

    private static Problem problem(String body) {
        HttpProblemException e = assertThrows(HttpProblemException.class, () -> StrictBody.read(body, Order.class), body);
        return e.toProblem("c");
    }

    @Test
    void integersAreIntegersStringsAreStringsAndTheFieldIsNamedWithoutClasses() {
        Map<String, String> cases = Map.of(
            "{\"lines\":[{\"productId\":\"p\",\"quantity\":1.5}]}", "lines[0].quantity: must be an integer",
            "{\"lines\":[{\"productId\":\"p\",\"quantity\":\"1\"}]}", "lines[0].quantity: must be an integer",
            "{\"lines\":[{\"productId\":\"p\",\"quantity\":1.0}]}", "lines[0].quantity: must be an integer",
            "{\"lines\":[{\"productId\":7,\"quantity\":1}]}", "lines[0].productId: must be a string",
            "{\"lines\":{}}", "lines: must be an array",
            "{\"gift\":\"yes\"}", "gift: must be true or false",
            "{\"lines\":[{\"productId\":\"p\",\"quantity\":99999999999999}]}", "lines[0].quantity: out of range or of the wrong type",
            "{\"lines\":[{\"productId\":\"p\",\"qty\":1}]}", "lines[0].qty: unknown field");
        cases.forEach((body, detail) -> {
            Problem p = problem(body);
            assertEquals(400, p.status());
            assertEquals(detail, p.detail(), body);
            assertFalse(Json.write(p).matches("(?s).*(java\\.|dev\\.backplane|\\$|Order\\b|Line\\b).*"), Json.write(p));
        });
        assertEquals(2, StrictBody.read("{\"lines\":[{\"productId\":\"p\",\"quantity\":2}]}", Order.class).lines().getFirst().quantity());
    }

    @Test
    void textThatIsNotValidUnicodeIsRefused() {
        for (String body : List.of("{\"note\":\"a\\ud800b\"}", "{\"note\":\"\\udc00\"}", "{\"note\":\"bad \uFFFD byte\"}", "{\"lines\":[{\"productId\":\"\\ud83d\"}]}")) {
            Problem p = problem(body);
            assertEquals("https://backplane.dev/problems/invalid-encoding", p.type(), body);
        }
        assertEquals("emoji \uD83D\uDE00 fine", StrictBody.read("{\"note\":\"emoji \\ud83d\\ude00 fine\"}", Order.class).note());
    }
}
