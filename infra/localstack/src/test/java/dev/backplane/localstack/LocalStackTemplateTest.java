// SPDX-License-Identifier: Apache-2.0
package dev.backplane.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What the deploy tool sends to LocalStack, from the real template.yaml (no Docker needed). */
class LocalStackTemplateTest {
    private final LocalStackTemplate template = LocalStackTemplate.load(LocalStackSystem.repoRoot().resolve("template.yaml"));

    @Test
    void everyArtifactIsReplacedByItsS3Location() throws Exception {
        Map<String, String> s3 = new LinkedHashMap<>();
        template.codeUris().forEach(uri -> s3.put(uri, "s3://bucket/" + uri.hashCode() + ".jar"));
        assertTrue(s3.size() >= 5, "one artifact per function module: " + s3.keySet());
        JsonNode resources = new ObjectMapper().readTree(template.withCodeUris(s3).json()).get("Resources");
        resources.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                assertTrue(e.getValue().path("Properties").path("CodeUri").asText().startsWith("s3://bucket/"), e.getKey());
            }
        });
    }

    @Test
    void hybridModeLeavesTheApiLayerOutAndNoReferenceDangles() throws Exception {
        JsonNode root = new ObjectMapper().readTree(template.withoutApiLayer().withEnvironment(Map.of("WEBSOCKET_MANAGEMENT_ENDPOINT", "http://devstack:4571")).json());
        JsonNode resources = root.get("Resources");
        Set<String> ids = new HashSet<>();
        resources.properties().forEach(e -> {
            ids.add(e.getKey());
            // SAM creates <Function>Role for a function without its own Role; the template may refer to it
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function") && e.getValue().path("Properties").path("Role").isMissingNode()) {
                ids.add(e.getKey() + "Role");
            }
        });
        Set<String> apiLayer = new TreeSet<>();
        resources.properties().forEach(e -> {
            String type = e.getValue().path("Type").asText();
            if (LocalStackTemplate.API_LAYER_TYPES.stream().anyMatch(type::startsWith)) apiLayer.add(e.getKey());
            e.getValue().path("Properties").path("Events").properties().forEach(ev ->
                assertFalse(ev.getValue().path("Type").asText().equals("HttpApi"), e.getKey() + " keeps an HttpApi event"));
        });
        assertEquals(Set.of(), apiLayer);
        assertTrue(ids.containsAll(Set.of("AppTable", "EventBus", "OutboxRelayFunction", "RecordEventFunction", "EventStoreQueue", "RealtimePushFunction")));
        Set<String> parameters = new HashSet<>();
        root.get("Parameters").properties().forEach(e -> parameters.add(e.getKey()));
        Set<String> dangling = new TreeSet<>();
        root.findValues("Ref").forEach(ref -> {
            String target = ref.asText();
            if (!ids.contains(target) && !parameters.contains(target) && !target.startsWith("AWS::")) dangling.add(target);
        });
        root.findValues("Fn::GetAtt").forEach(att -> { if (!ids.contains(att.get(0).asText())) dangling.add(att.get(0).asText()); });
        assertEquals(Set.of(), dangling, "references to resources that are not deployed");
        assertEquals("http://devstack:4571", resources.path("RealtimePushFunction").path("Properties").path("Environment")
            .path("Variables").path("WEBSOCKET_MANAGEMENT_ENDPOINT").asText());
    }
}
