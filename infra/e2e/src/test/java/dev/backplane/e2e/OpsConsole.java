package dev.backplane.e2e;

import dev.backplane.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/** What an operator's tools reach on devstack: its admin API (faults, invoke), the queues, and the admin HTTP API. */
final class OpsConsole {
    private final LocalSystem system;
    final SqsClient sqs;

    OpsConsole(LocalSystem system) {
        this.system = system;
        this.sqs = SqsClient.builder().endpointOverride(system.devstack.endpoint("SQS")).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** {@code POST /_devstack/faults}: PutEvents (or another call) fails for {@code duration}; zero switches it off. */
    void fault(String service, String operation, Duration duration) {
        admin("faults", "{\"service\":\"" + service + "\",\"operation\":\"" + operation + "\",\"durationMs\":" + duration.toMillis() + "}");
    }

    /** {@code GET /_devstack/stats}: warm instances, queue depths, injected faults. */
    JsonNode stats() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.devstack.urls().get("Admin") + "stats")).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return Json.tree(system.http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Invokes a function synchronously through devstack's admin API; returns its response document. A cold start that
     * misses the 30 s init limit on a loaded machine is retried (a new instance), as Lambda would on the next call.
     */
    JsonNode invoke(String function, String event) {
        AssertionError last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                return Json.tree(admin("functions/" + function + "/invoke", event));
            } catch (AssertionError e) {
                if (!e.getMessage().contains("Runtime.InitTimeout")) throw e;
                last = e;
            }
        }
        throw last;
    }

    /**
     * Starts the functions' JVMs through devstack's invoke API, which has no gateway deadline: on a loaded machine a
     * cold authorizer can miss API Gateway's 10 s authorizer limit again and again.
     */
    void warm(String... functions) {
        for (String function : functions) {
            try {
                String sample = java.nio.file.Files.list(LocalSystem.repoRoot().resolve("events").resolve(function)).sorted().findFirst().orElseThrow().toString();
                invoke(function, java.nio.file.Files.readString(java.nio.file.Path.of(sample)));
            } catch (AssertionError answeredWithAnError) {
                // a function that answers its sample with an error (a denied token, say) is warm all the same
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code POST /_devstack/functions/{id}/kill}: SIGKILLs the function's live JVMs, busy ones included; {@code {"killed": n}}. */
    JsonNode kill(String function) { return Json.tree(admin("functions/" + function + "/kill", "")); }

    int depth(String queueLogicalId) {
        String url = system.devstack.queueUrl(queueLogicalId);
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
            .attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    JsonNode await(String what, Duration timeout, java.util.function.Supplier<JsonNode> probe, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (last != null && done.test(last)) return last;
            pause(250);
        }
        throw new AssertionError(what + " did not happen within " + timeout + "; last seen: " + last);
    }

    /** POST /orders, patient while functions start (one order whatever happens: the Idempotency-Key is fixed). */
    HttpResponse<String> placeOrder(String token, String correlationId) {
        return system.sendPatiently("POST", "/orders", token, "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":1}]}",
            Map.of("x-correlation-id", correlationId, "idempotency-key", "e2e-" + correlationId));
    }

    /** The admin HTTP API as the admin user; null when the answer is not 200. */
    JsonNode adminGet(String path) {
        HttpResponse<String> r = system.send("GET", path, system.oidc.accessToken("admin"), null, Map.of());
        return r.statusCode() == 200 ? Json.tree(r.body()) : null;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String admin(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.devstack.urls().get("Admin") + path))
            .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = system.http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || r.headers().firstValue("X-Amz-Function-Error").isPresent()) {
                throw new AssertionError("devstack admin " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
