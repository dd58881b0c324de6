package dev.backplane.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Optional properties set to AWS::NoValue; a burst of first requests behind a slowly starting Lambda authorizer. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RobustnessTest {
    static final CapturingLog log = new CapturingLog();
    static Devstack devstack;

    @BeforeAll
    static void start() {
        // up to 8 instances per function, so nothing but the cold-start queueing keeps a burst from starting 8 JVMs
        devstack = Devstack.start(DevstackOptions.defaults(FixtureJar.template("robustness.yaml")).withPort(0).withScheduleClocks(false)
            .withLog(log).withLimits(new dev.backplane.devstack.lambda.FunctionLimits(8, 16, Duration.ofMinutes(5))));
    }

    @AfterAll
    static void stop() { devstack.close(); }

    static CompletableFuture<HttpResponse<String>> get(HttpClient http, String caller) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(devstack.urls().get("HTTP API") + "/echo"))
            .header("X-Caller", caller).timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void aBurstDuringTheAuthorizersColdStartQueuesForOneInstanceInsteadOfStartingMany() throws Exception {
        // 8 first requests while the authorizer (8 allowed instances, 2.5 s init) is still starting: before, each
        // started its own JVM and, on a small machine, all of them ran into the authorizer's timeout
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 8; i++) burst.add(get(http, "caller-" + i));
            for (var r : burst) assertEquals(200, r.get().statusCode(), r.get().body());
        }
        int coldStarts = log.matching("SlowAuthorizer", t -> t.startsWith("cold start:")).size();
        assertTrue(coldStarts <= 2, "one instance initialises while callers queue (one more may follow once it is warm), got " + coldStarts);
        assertTrue(devstack.lambda().instances("SlowAuthorizer") <= 2);
    }

    @Test
    @Order(2)
    void propertiesSetToNoValueAreAbsent() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = get(http, "no-value").get();
            assertEquals(200, r.statusCode(), r.body());
            JsonNode echo = Json.parse(r.body());
            // MemorySize: !Ref AWS::NoValue overrides the Globals' 256 and leaves Lambda's default, 128 MB
            assertTrue(echo.get("maxHeapMb").asInt() < 128, echo.toString());
            // Timeout: !If [IsProd, 30, !Ref AWS::NoValue] outside prod: Lambda's default of 3 s
            assertTrue(echo.get("remainingMs").asLong() <= 3_000, echo.toString());
        }
        // ReservedConcurrentExecutions: !If [IsProd, 10, !Ref AWS::NoValue]: the local default cap applies
        assertEquals(dev.backplane.devstack.lambda.FunctionDefinitions.DEFAULT_MAX_CONCURRENCY, devstack.lambda().function("Echo").maxConcurrency());
    }
}
