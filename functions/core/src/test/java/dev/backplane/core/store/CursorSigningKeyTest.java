package dev.backplane.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key derived from the table name made cursors forgeable on any stack whose table name is known: a function
 * without a real key must not start, and nothing about the key may be predictable.
 */
class CursorSigningKeyTest {
    private static final String STRONG = "q7Vx2LkP9mZt4RwB8nYc3HfJ6sDg1KaE";

    @Test
    void aConfiguredKeyIsUsedAsIs() {
        assertArrayEquals(STRONG.getBytes(StandardCharsets.UTF_8), CursorSigningKey.resolve(env(STRONG, true)));
        assertArrayEquals(STRONG.getBytes(StandardCharsets.UTF_8), CursorSigningKey.resolve(env(STRONG, false)));
    }

    @Test
    void aFunctionWithoutAUsableKeyDoesNotStartAndSaysWhichVariable() {
        for (String missing : new String[] {null, "", "   ", "short", "{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:1:secret:x:SecretString}}"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> CursorSigningKey.resolve(env(missing, true)), String.valueOf(missing));
            assertTrue(e.getMessage().startsWith("CURSOR_SIGNING_KEY is "), e.getMessage());
            assertFalse(missing != null && !missing.isBlank() && e.getMessage().contains(missing), "the message never repeats the value");
        }
    }

    @Test
    void outsideALambdaRuntimeEachProcessGetsAnUnpredictableKey() {
        byte[] a = CursorSigningKey.resolve(env(null, false));
        byte[] b = CursorSigningKey.resolve(env(null, false));
        assertEquals(32, a.length);
        assertFalse(Arrays.equals(a, b), "random, not derived from anything an attacker knows");
    }

    private static java.util.function.Function<String, String> env(String key, boolean lambda) {
        Map<String, String> values = new HashMap<>();
        values.put("TABLE_NAME", "AppTable");
        if (key != null) values.put("CURSOR_SIGNING_KEY", key);
        if (lambda) values.put("AWS_LAMBDA_FUNCTION_NAME", "backplane-dev-ListOrdersFunction");
        return values::get;
    }
}
