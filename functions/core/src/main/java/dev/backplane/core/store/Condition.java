package dev.backplane.core.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;

/** A DynamoDB condition expression with its placeholders. */
public record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    public static Condition notExists() { return new Condition("attribute_not_exists(pk)", Map.of(), Map.of()); }

    /** Optimistic concurrency: the item still has the version we read. */
    public static Condition versionIs(long version) {
        return new Condition("#version = :expectedVersion", Map.of("#version", "version"),
            Map.of(":expectedVersion", Items.n(version)));
    }

    Map<String, String> namesOrNull() { return names.isEmpty() ? null : names; }

    Map<String, AttributeValue> valuesOrNull() { return values.isEmpty() ? null : values; }

    void applyTo(Put.Builder put) {
        put.conditionExpression(expression).expressionAttributeNames(namesOrNull()).expressionAttributeValues(valuesOrNull());
    }
}
