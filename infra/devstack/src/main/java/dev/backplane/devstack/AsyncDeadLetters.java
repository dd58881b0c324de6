package dev.backplane.devstack;

import dev.backplane.devstack.lambda.LambdaRuntime;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The message attributes Lambda puts on an async event it sends to a function's dead-letter queue. */
final class AsyncDeadLetters {
    private AsyncDeadLetters() {}

    static Map<String, MessageAttributeValue> attributes(LambdaRuntime.FailedAsyncEvent failed) {
        return Map.of(
            "RequestID", text(UUID.randomUUID().toString()),
            "ErrorCode", MessageAttributeValue.builder().dataType("Number").stringValue("200").build(),
            "ErrorMessage", text(failed.lastError().getMessage() == null ? failed.lastError().errorType() : failed.lastError().getMessage()));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
