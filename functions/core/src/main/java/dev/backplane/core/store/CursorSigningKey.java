package dev.backplane.core.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.Function;

/**
 * The key {@link PageCursor} signs cursors with, from {@code CURSOR_SIGNING_KEY} (at least 32 characters). A function
 * running in a Lambda runtime (deployed, or devstack's) without one fails at start-up naming the variable: a guessable
 * fallback would let anyone forge cursors. The template generates the key as a Secrets Manager secret and resolves it
 * into the functions' environment at deploy time (no call at cold start); devstack gives each run its own key. Outside
 * a Lambda runtime (unit tests, tools) each process signs with a random key of its own.
 */
public final class CursorSigningKey {
    public static final String VARIABLE = PageCursor.KEY_VARIABLE;
    public static final int MIN_LENGTH = 32;
    /** Set by the Lambda runtime (and devstack's): the function serves requests, so its cursors must be unforgeable. */
    static final String LAMBDA_MARKER = "AWS_LAMBDA_FUNCTION_NAME";
    private static byte[] current;

    private CursorSigningKey() {}

    /** The key for {@code environment}; an {@link IllegalStateException} naming {@value #VARIABLE} when a function has none. */
    public static byte[] resolve(Function<String, String> environment) {
        String configured = environment.apply(VARIABLE);
        // an unresolved CloudFormation dynamic reference is a template mistake, not a key
        boolean usable = configured != null && configured.strip().length() >= MIN_LENGTH && !configured.startsWith("{{resolve:");
        if (usable) return configured.strip().getBytes(StandardCharsets.UTF_8);
        if (environment.apply(LAMBDA_MARKER) != null) {
            throw new IllegalStateException(VARIABLE + " is " + (configured == null || configured.isBlank() ? "not set" : "not a usable key")
                + ": pagination cursors need a secret signing key of at least " + MIN_LENGTH + " characters (the template resolves it from "
                + "the generated CursorSigningSecret or the CursorSigningKey parameter; devstack sets one per run)");
        }
        byte[] random = new byte[MIN_LENGTH];
        new SecureRandom().nextBytes(random);
        return random;
    }

    /** The process's key, resolved once from the environment. */
    static synchronized byte[] current() {
        if (current == null) current = resolve(System::getenv);
        return current;
    }

    /** Fails a function's start-up (not its first listing) when it has no usable key; see {@link #resolve}. */
    public static void requireConfigured() { current(); }
}
