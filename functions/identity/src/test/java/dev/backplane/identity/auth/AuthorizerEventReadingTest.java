// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.function.LambdaEventReader;
import dev.backplane.core.testing.EventEquivalence;
import dev.backplane.core.testing.FunctionHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The authorizer's event reads as the Lambda runtime's serializers read it: every sample and a few edge cases. */
class AuthorizerEventReadingTest {
    private static final List<String> EDGES = List.of("{}", "null", "",
        """
        {"type":"REQUEST","routeArn":"arn","identitySource":"Bearer x","cookies":[],"extra":{"a":1},
         "multiValueHeaders":{"a":"single"},"requestContext":{"n":1,"l":12345678901,"f":1.5,"nested":{"x":[true,null]}}}""",
        """
        {"type":"REQUEST","headers":"","queryStringParameters":{"token":""},"pathParameters":null}""");

    @Test
    void everySampleAndEdgeCaseReadsAsTheRuntimeReadsIt() throws IOException {
        List<String> failures = new ArrayList<>();
        List<Path> samples;
        try (Stream<Path> files = Files.list(FunctionHarness.eventsDir().resolve("AuthorizerFunction"))) {
            samples = files.sorted().toList();
        }
        assertFalse(samples.isEmpty());
        for (Path sample : samples) {
            var outcome = EventEquivalence.compare(Files.readAllBytes(sample), AuthorizerEvent.class);
            outcome.differences().forEach(d -> failures.add(sample.getFileName() + " " + d));
            if (outcome.leaves() < 5) failures.add(sample.getFileName() + ": only " + outcome.leaves() + " values read");
        }
        for (String edge : EDGES) {
            EventEquivalence.compare(edge.getBytes(StandardCharsets.UTF_8), AuthorizerEvent.class).differences()
                .forEach(d -> failures.add(edge + " " + d));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        AuthorizerEvent single = LambdaEventReader.read(EDGES.get(3).getBytes(StandardCharsets.UTF_8), AuthorizerEvent.class);
        assertEquals(List.of("Bearer x"), single.getIdentitySource(), "a single value where a list goes is a one-element list");
    }
}
