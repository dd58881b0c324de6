// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Backplane deployed from template.yaml, as its clients see it: the HTTP and WebSocket APIs, tokens from its OIDC
 * provider, its queues. devstack ({@link LocalSystem}) and LocalStack (infra/localstack) both implement it, so
 * {@link Scenarios} runs unchanged against either.
 */
public interface DeployedSystem {
    /** Base URL of the HTTP API (no trailing slash). */
    String httpApiUrl();

    /** wss:// or ws:// URL of the WebSocket API stage. */
    URI webSocketUrl();

    /** An access token for one of the seeded users (alice, bob, admin). */
    String accessToken(String user);

    HttpClient http();

    /** SQS of the deployment (for the dead-letter scenario). */
    SqsClient sqs();

    /** URL of the queue with this logical id in template.yaml. */
    String queueUrl(String logicalId);

    default HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers) {
        return exchange(request(method, path, token, body, headers));
    }

    /** How long a journey waits out cold starts before the gateway's "not yet" counts as an answer. */
    Duration PATIENCE = Duration.ofMinutes(5);

    /**
     * As {@link #send}, but as a well-behaved client while functions start: see {@link #patiently(HttpRequest)}. A write
     * gets an Idempotency-Key (unless it has one), so a call repeated after the gateway gave up on a function that did
     * commit is replayed, never done twice.
     */
    default HttpResponse<String> sendPatiently(String method, String path, String token, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (!method.equals("GET") && all.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("idempotency-key"))) {
            all.put("idempotency-key", "e2e-" + UUID.randomUUID());
        }
        return patiently(request(method, path, token, body, all));
    }

    default HttpResponse<String> sendPatiently(String method, String path, String token, String body) {
        return sendPatiently(method, path, token, body, Map.of());
    }

    /**
     * The one retry of the e2e suites: only the gateway's own "not yet" is repeated — 429 (a burst shed, an authorizer
     * instance still starting), 502/503/504 (a function that did not answer in time, e.g. a cold start on a busy
     * machine) — after Retry-After (or 1 s), for up to {@link #PATIENCE}. A function's own answer, a 500 included, is
     * returned at once: a real error fails the journey.
     */
    default HttpResponse<String> patiently(HttpRequest request) {
        return patiently(() -> exchange(request), r -> GATEWAY_NOT_YET.contains(r.statusCode())
            ? Optional.of(Duration.ofSeconds(r.headers().firstValue("retry-after").map(Long::parseLong).orElse(1L)))
            : Optional.empty());
    }

    Set<Integer> GATEWAY_NOT_YET = Set.of(429, 502, 503, 504);

    /** Repeats {@code attempt} while {@code retryAfter} asks for another try (at most 5 s apart), for up to {@link #PATIENCE}. */
    static <T> T patiently(Supplier<T> attempt, Function<T, Optional<Duration>> retryAfter) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T result = attempt.get();
        for (Optional<Duration> wait = retryAfter.apply(result); wait.isPresent() && System.nanoTime() < deadline;
             wait = retryAfter.apply(result)) {
            try {
                Thread.sleep(wait.get().compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            result = attempt.get();
        }
        return result;
    }

    default HttpRequest request(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(httpApiUrl() + path)).timeout(Duration.ofSeconds(60))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("content-type", "application/json");
        if (token != null) b.header("authorization", "Bearer " + token);
        headers.forEach(b::header);
        return b.build();
    }

    default HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
