package dev.backplane.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A batch consumer's answer under ReportBatchItemFailures, read the way Lambda reads it: an empty or null response,
 * or an empty list, is success; an item without a usable itemIdentifier fails the whole batch.
 */
public record BatchResponse(boolean wholeBatchFailed, Set<String> failedIds) {
    public static final BatchResponse SUCCESS = new BatchResponse(false, Set.of());

    public static BatchResponse parse(byte[] response, Set<String> knownIds) {
        JsonNode json = response == null || response.length == 0 ? null : Json.tryParse(new String(response, java.nio.charset.StandardCharsets.UTF_8));
        JsonNode failures = json == null ? null : json.get("batchItemFailures");
        if (failures == null || failures.isNull() || failures.isEmpty()) return SUCCESS;
        if (!failures.isArray()) return new BatchResponse(true, Set.of());
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode f : failures) {
            String id = Optional.ofNullable(f.get("itemIdentifier")).filter(JsonNode::isTextual).map(JsonNode::asText).orElse("");
            if (id.isBlank() || !knownIds.contains(id)) return new BatchResponse(true, Set.of());
            ids.add(id);
        }
        return new BatchResponse(false, ids);
    }

    /** True when the function returned failures although the mapping does not ask for them (they would be ignored). */
    public static boolean mentionsFailures(byte[] response) {
        JsonNode json = response == null ? null : Json.tryParse(new String(response, java.nio.charset.StandardCharsets.UTF_8));
        return json != null && json.path("batchItemFailures").isArray() && !json.path("batchItemFailures").isEmpty();
    }
}
