// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.bench;

import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.identity.IdentityApi;
import dev.backplane.identity.auth.TestIssuer;
import java.util.Arrays;
import java.util.Map;

/**
 * Warm authorizer latency (bench/identity/authorizer.sh): the authorize function bean invoked like Lambda does
 * (raw event bytes → Lambda serializer → verify → user cache → response), JWKS and user already cached.
 * Prints p50/p90/p99/max over N calls with distinct tokens (no per-token caching exists to flatter the numbers).
 */
public final class AuthorizerLatencyBench {
    private AuthorizerLatencyBench() {}

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        try (TestIssuer issuer = new TestIssuer(); IdentityApi api = new IdentityApi(issuer.issuer(), Map.of())) {
            String sample = "AuthorizerFunction/authorize_http-bearer.json";
            String[] tokens = new String[calls + warmup];
            for (int i = 0; i < tokens.length; i++) tokens[i] = issuer.rs256(issuer.claims("bench-user").jwtID("t" + i).build());
            for (int i = 0; i < warmup; i++) check(api.authorize(sample, tokens[i]));
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                Map<String, Object> r = api.authorize(sample, tokens[warmup + i]);
                nanos[i] = System.nanoTime() - t0;
                check(r);
            }
            Arrays.sort(nanos);
            System.out.printf("authorizer warm (RS256, JWKS + user cached), %d calls after %d warm-up: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms, JWKS fetches %d%n",
                calls, warmup, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[calls - 1] / 1e6, issuer.jwksFetches());
        }
        LocalDynamo.client().close();
        System.exit(0);
    }

    private static void check(Map<String, Object> response) {
        if (!Boolean.TRUE.equals(response.get("isAuthorized"))) throw new IllegalStateException("denied: " + response);
    }

    private static double ms(long[] sorted, double q) { return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6; }
}
