// SPDX-License-Identifier: Apache-2.0
package dev.backplane.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backplane.devstack.Devstack;
import dev.backplane.devstack.DevstackOptions;
import dev.backplane.devstack.hybrid.HybridOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * Hybrid mode against LocalStack: devstack serves the HTTP API from template.yaml and invokes the functions the deploy
 * tool put into LocalStack through its Lambda Invoke API; the function reads LocalStack's DynamoDB (the seeded
 * catalog). Without Docker it is reported skipped with the reason. (The same path without Docker, devstack against
 * another devstack's Lambda API, is devstack's {@code hybrid/HybridModeTest}.)
 */
class HybridDevstackOnLocalStackTest {
    @Test
    void aPublicApiCallOnDevstackRunsTheCatalogFunctionInLocalStack() throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), LocalStackE2ETest.NO_DOCKER);
        LocalStackSystem localstack = LocalStackSystem.get();
        try (Devstack devstack = Devstack.startHybrid(DevstackOptions.defaults(LocalStackSystem.repoRoot().resolve("template.yaml"))
                .withPort(0).withScheduleClocks(false).withRegion(localstack.region()).withLog((source, text) -> { }),
                new HybridOptions(localstack.endpoint(), localstack.stack(), Map.of()));
             HttpClient http = HttpClient.newHttpClient()) {
            assertTrue(devstack.hybrid());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(devstack.urls().get("HTTP API") + "/products/p-espresso"))
                .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("p-espresso"), r.body());
        }
    }
}
