// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
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

    /**
     * As {@link #send}, but as a well-behaved client: the gateway's 429 (a burst shed, e.g. authorizer instances still
     * starting) and 503 (a function that did not answer within the integration timeout, e.g. a cold start on a busy
     * machine) are retried after Retry-After (or 2 s), for up to about two minutes. A function's own 500 never is.
     */
    default HttpResponse<String> sendPatiently(String method, String path, String token, String body, Map<String, String> headers) {
        return patiently(request(method, path, token, body, headers));
    }

    default HttpResponse<String> patiently(HttpRequest request) {
        HttpResponse<String> r = exchange(request);
        for (int attempt = 0; attempt < 10 && (r.statusCode() == 429 || r.statusCode() == 503); attempt++) {
            long seconds = r.headers().firstValue("retry-after").map(Long::parseLong).orElse(2L);
            try {
                Thread.sleep(Duration.ofSeconds(Math.min(seconds, 5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            r = exchange(request);
        }
        return r;
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
