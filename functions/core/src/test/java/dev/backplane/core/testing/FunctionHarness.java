package dev.backplane.core.testing;

import dev.backplane.core.function.FunctionApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Runs a module's function beans the way the Lambda runtime feeds them: the module's own initializer registers
 * them in a Spring context, events are read from their raw bytes as on Lambda.
 */
public final class FunctionHarness implements AutoCloseable {
    private final GenericApplicationContext context = new GenericApplicationContext();

    public FunctionHarness(FunctionApp app) {
        app.initialize(context);
        context.refresh();
    }

    /** Invokes with the raw event bytes, as Spring Cloud Function's FunctionInvoker hands them over on Lambda. */
    @SuppressWarnings("unchecked")
    public <I, O> O invoke(String functionName, Class<I> eventType, String eventJson) {
        FunctionRegistration<?> registration = context.getBean(functionName, FunctionRegistration.class);
        Message<byte[]> message = MessageBuilder.withPayload(eventJson.getBytes(StandardCharsets.UTF_8)).build();
        return ((Function<Message<byte[]>, O>) registration.getTarget()).apply(message);
    }

    /** Reads a sample event under the repository's events/ directory. */
    public static String event(String relativePath) {
        try {
            return Files.readString(LocalDynamo.repoRoot().resolve("events").resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path eventsDir() { return LocalDynamo.repoRoot().resolve("events"); }

    @Override
    public void close() { context.close(); }
}
