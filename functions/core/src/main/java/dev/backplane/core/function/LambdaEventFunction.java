package dev.backplane.core.function;

import dev.backplane.core.snapstart.Priming;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.ObjectReader;

/** Turns the raw invocation payload into the typed AWS event as the Lambda Java runtime would ({@link LambdaEventReader}). */
final class LambdaEventFunction<I, O> implements Function<Message<byte[]>, O> {
    private final ObjectReader reader;
    private final Function<Message<I>, O> target;

    LambdaEventFunction(Class<I> eventType, Function<Message<I>, O> target) {
        this.reader = LambdaEventReader.readerFor(eventType);
        // SnapStart: the event type's deserializer is built and exercised before the checkpoint
        Priming.register("event " + eventType.getName(), () -> reader.readValue("{}".getBytes(StandardCharsets.UTF_8)));
        this.target = target;
    }

    @Override
    public O apply(Message<byte[]> message) {
        I event = reader.readValue(message.getPayload());
        return target.apply(MessageBuilder.withPayload(event).copyHeaders(message.getHeaders()).build());
    }
}
