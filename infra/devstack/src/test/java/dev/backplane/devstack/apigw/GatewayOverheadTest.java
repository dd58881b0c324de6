// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Warm gateway overhead: a real HTTP round trip through routing, the 2.0 event, the Invoker seam and response
 * mapping, with a function that answers at once. Prints p50/p99 (docs/devstack-apigateway.md quotes them); the
 * assertion only guards against gross regressions on a busy CI machine.
 */
class GatewayOverheadTest {
    @Test
    void warmRequestOverhead() {
        InProcessFunctions functions = new InProcessFunctions().on("Echo", e -> Map.of("statusCode", 200, "body", "ok"));
        try (ApiGatewayEmulator gateway = Fixtures.start("http-routes.yaml", functions, Map.of())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.httpApiUrl() + "/orders/1?x=1"))
                .header("authorization", "Bearer x").build();
            for (int i = 0; i < 1000; i++) call(request);
            long[] nanos = new long[3000];
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                call(request);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            double p50 = nanos[nanos.length / 2] / 1e6;
            double p99 = nanos[nanos.length * 99 / 100] / 1e6;
            System.out.printf("apigw warm overhead (HTTP round trip, in-process function): p50 %.3f ms, p99 %.3f ms%n", p50, p99);
            assertTrue(p50 < 30, "p50 " + p50 + " ms");
        }
    }

    private static void call(HttpRequest request) {
        try {
            HttpResponse<String> r = Fixtures.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
