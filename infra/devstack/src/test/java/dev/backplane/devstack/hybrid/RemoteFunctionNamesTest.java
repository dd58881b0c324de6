package dev.backplane.devstack.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deployed names as CloudFormation (AWS, LocalStack) generates them, FunctionName kept, explicit names first. */
class RemoteFunctionNamesTest {
    static Map<String, String> declared(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    @Test
    void generatedNamesAreMatchedByStackAndLogicalId() {
        var mapping = RemoteFunctionNames.map(
            declared("PlaceOrderFunction", "PlaceOrderFunction", "PlaceOrderFunctionV2", "PlaceOrderFunctionV2",
                "NotificationsOrderPaidConsumerFunction", "NotificationsOrderPaidConsumerFunction", "Named", "my-named-fn"),
            "backplane",
            List.of("backplane-PlaceOrderFunction-a1b2c3d4", "backplane-PlaceOrderFunctionV2-0f9e8d7c",
                // LocalStack keeps 24 characters of the logical id
                "backplane-NotificationsOrderPaidCo-5e6f7a8b", "my-named-fn", "other-PlaceOrderFunction-ffffffff"),
            Map.of());
        assertEquals("backplane-PlaceOrderFunction-a1b2c3d4", mapping.names().get("PlaceOrderFunction"));
        assertEquals("backplane-PlaceOrderFunctionV2-0f9e8d7c", mapping.names().get("PlaceOrderFunctionV2"));
        assertEquals("backplane-NotificationsOrderPaidCo-5e6f7a8b", mapping.names().get("NotificationsOrderPaidConsumerFunction"));
        assertEquals("my-named-fn", mapping.names().get("Named"));
        assertTrue(mapping.missing().isEmpty(), mapping.missing().toString());
    }

    @Test
    void explicitNamesWinAndUnmatchedFunctionsAreReported() {
        var mapping = RemoteFunctionNames.map(declared("A", "A", "B", "B"), "stack", List.of("stack-A-12345678", "custom"), Map.of("A", "custom"));
        assertEquals("custom", mapping.names().get("A"));
        assertEquals(List.of("B"), mapping.missing());
    }

    @Test
    void ambiguousMatchesAskForAnExplicitName() {
        var e = assertThrows(IllegalArgumentException.class, () -> RemoteFunctionNames.map(declared("A", "A"), "stack",
            List.of("stack-A-11111111", "stack-A-22222222"), Map.of()));
        assertTrue(e.getMessage().contains("--function-name A=NAME"), e.getMessage());
    }
}
