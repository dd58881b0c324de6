package dev.backplane.core.function;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.backplane.core.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.util.function.Function;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** Turns the raw invocation payload into the typed AWS event exactly as the Lambda Java runtime would. */
final class LambdaEventFunction<I, O> implements Function<Message<byte[]>, O> {
    private final PojoSerializer<I> serializer;
    private final Function<Message<I>, O> target;

    LambdaEventFunction(Class<I> eventType, Function<Message<I>, O> target) {
        // JDK types (e.g. Map) have no class loader of their own; the serializer needs one that sees its dependencies
        ClassLoader loader = eventType.getClassLoader() != null ? eventType.getClassLoader() : LambdaEventFunction.class.getClassLoader();
        this.serializer = LambdaEventSerializers.serializerFor(eventType, loader);
        // SnapStart: the event type's deserializer is built and exercised before the checkpoint
        Priming.register("event " + eventType.getName(), () -> serializer.fromJson(new ByteArrayInputStream("{}".getBytes())));
        this.target = target;
    }

    @Override
    public O apply(Message<byte[]> message) {
        I event = serializer.fromJson(new ByteArrayInputStream(message.getPayload()));
        return target.apply(MessageBuilder.withPayload(event).copyHeaders(message.getHeaders()).build());
    }
}
