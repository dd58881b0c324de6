package dev.backplane.core.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An update expression guarded by a condition (never a blind read-modify-write). */
public record Mutation(String expression, String condition, Map<String, String> names, Map<String, AttributeValue> values) {}
