package dev.backplane.core.function;

import com.amazonaws.services.lambda.runtime.Context;
import dev.backplane.core.store.CursorSigningKey;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;

/**
 * Base of each module's Spring Cloud Function start class. Functional bean registration (no component scan,
 * no auto-configuration) keeps Spring's share of a cold start small; each Lambda picks its bean with
 * {@code SPRING_CLOUD_FUNCTION_DEFINITION}. Functions receive a {@link Message} so the Lambda {@link Context}
 * (header {@code aws-context}) reaches logging. The raw event bytes are deserialized by {@link LambdaEventReader}
 * into the same objects the Lambda Java runtime's serializers make: SCF's generic JSON conversion misses e.g.
 * {@code Records} of stream and SQS events.
 */
public abstract class FunctionApp implements ApplicationContextInitializer<GenericApplicationContext> {

    protected abstract void register(Registry registry);

    @Override
    public final void initialize(GenericApplicationContext context) {
        // a function without its cursor signing key must not start (deployed: a failed init, not forgeable cursors)
        CursorSigningKey.requireConfigured();
        register(new Registry(context));
    }

    /**
     * The functions this app registers, by bean name, as the module wrote them (e.g. an {@code HttpEndpoint}, before the
     * Lambda event decoding): lets tests check what kind of endpoint serves each route. Builds nothing lazy.
     */
    public final Map<String, Function<?, ?>> registeredFunctions() {
        Registry registry = new Registry(new GenericApplicationContext());
        register(registry);
        return Collections.unmodifiableMap(registry.registered);
    }

    public static Context lambdaContext(Message<?> message) {
        return (Context) message.getHeaders().get(AWSLambdaUtils.AWS_CONTEXT);
    }

    public static final class Registry {
        private final GenericApplicationContext context;
        private final Map<String, Function<?, ?>> registered = new LinkedHashMap<>();

        Registry(GenericApplicationContext context) { this.context = context; }

        public <I, O> void function(String name, Class<I> input, Class<O> output, Function<Message<I>, O> function) {
            Type type = ResolvableType.forClassWithGenerics(Function.class,
                ResolvableType.forClassWithGenerics(Message.class, byte[].class), ResolvableType.forClass(output)).getType();
            registered.put(name, function);
            Function<Message<byte[]>, O> raw = new LambdaEventFunction<>(input, function);
            context.registerBean(name, FunctionRegistration.class, () -> new FunctionRegistration<>(raw, name).type(type));
        }
    }
}
