package dev.backplane.core.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;

class LambdaEventFunctionTest {
    @Test
    void readsAwsEventsWithTheirCapitalisedFieldNames() {
        var f = new LambdaEventFunction<SQSEvent, Integer>(SQSEvent.class, m -> m.getPayload().getRecords().size());
        String json = "{\"Records\":[{\"messageId\":\"m1\",\"body\":\"{}\"},{\"messageId\":\"m2\",\"body\":\"{}\"}]}";
        assertEquals(2, f.apply(MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8)).build()));
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void acceptsJdkTypesWhichHaveNoClassLoaderOfTheirOwn() {
        var f = new LambdaEventFunction<Map, Object>(Map.class, m -> m.getPayload().get("a"));
        assertEquals(1, f.apply(MessageBuilder.withPayload("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).build()));
    }
}
