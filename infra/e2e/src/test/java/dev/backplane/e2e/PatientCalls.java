// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * API calls that outlast cold starts on a busy host: a function whose first start exceeds its timeout answers 503
 * (or 500 when the authorizer timed out); the call is repeated with the same Idempotency-Key, so a write that did
 * happen is replayed, never done twice.
 */
final class PatientCalls {
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private final DeployedSystem system;

    PatientCalls(DeployedSystem system) { this.system = system; }

    HttpResponse<String> send(String method, String path, String token, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!method.equals("GET")) headers.put("idempotency-key", "e2e-" + UUID.randomUUID());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> r = system.send(method, path, token, body, headers);
            if (r.statusCode() < 500 || System.nanoTime() > deadline) return r;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }
}
