package dev.backplane.devstack.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.CapturingLog;
import dev.backplane.devstack.FixtureJar;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Template;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Lambda runtime: real child JVMs running the official RIC against devstack's Runtime API. */
class LambdaRuntimeTest {
    static final CapturingLog log = new CapturingLog();
    static LambdaRuntime runtime;

    @BeforeAll
    static void start() {
        Template template = Template.load(FixtureJar.template("functions.yaml"));
        FixtureJar.buildDirectoryAndZip();
        Intrinsics intrinsics = new Intrinsics(template, Map.of(), "eu-west-1", "000000000000", "http://localhost:1");
        ServiceEndpoints endpoints = new ServiceEndpoints().sqs("http://127.0.0.1:9324").dynamoDb("http://127.0.0.1:8000")
            .eventBridge("http://127.0.0.1:4010");
        runtime = new LambdaRuntime(FunctionDefinitions.load(template, intrinsics), "eu-west-1", endpoints, log);
    }

    @AfterAll
    static void stop() { runtime.close(); }

    static JsonNode echo(String function, String event) throws Invoker.FunctionError {
        return Json.parse(runtime.invoke(function, event.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void coldThenWarmWithTemplateEnvironmentAndLambdaContext() throws Exception {
        JsonNode first = echo("WarmFunction", "{\"hello\":\"world\",\"correlationId\":\"c-1\"}");
        JsonNode second = echo("WarmFunction", "{\"hello\":\"again\"}");
        assertEquals("world", first.at("/event/hello").asText());
        assertEquals(first.get("instance"), second.get("instance"), "the second call reuses the warm instance");
        assertEquals(1, runtime.instances("WarmFunction"));
        JsonNode env = first.get("env");
        assertEquals("Things", env.get("TABLE_NAME").asText(), "!Ref of a table resolves to its name");
        assertEquals("from-globals", env.get("GLOBAL_VAR").asText());
        assertEquals("eu-west-1", env.get("AWS_REGION").asText());
        assertEquals("WarmFunction", env.get("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals("256", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
        assertEquals("http://127.0.0.1:9324", env.get("AWS_ENDPOINT_URL_SQS").asText());
        assertTrue(env.path("HOME").isMissingNode() || env.get("HOME").isNull(), "the developer's environment does not leak into functions");
        assertEquals("arn:aws:lambda:eu-west-1:000000000000:function:WarmFunction", first.get("functionArn").asText());
        long remaining = first.get("remainingMs").asLong();
        assertTrue(remaining > 5_000 && remaining <= 10_000, "deadline from Timeout 10 s, got " + remaining);
        assertTrue(first.get("maxHeapMb").asLong() <= 256, "heap bounded by MemorySize");
        log.await("WarmFunction", t -> t.startsWith("REPORT") && t.contains("Init Duration"), 1, Duration.ofSeconds(5));
        assertEquals(1, log.matching("WarmFunction", t -> t.startsWith("cold start")).size());
        assertEquals("overridden-locally", echo("EchoFunction", "{}").at("/env/TABLE_NAME").asText(), "function Environment wins over Globals");
    }

    @Test
    void idleInstancesAreStoppedAndTheNextCallIsColdAgain() throws Exception {
        JsonNode before = echo("IdleFunction", "{}");
        assertEquals(1, runtime.instances("IdleFunction"));
        runtime.stopIdleInstances(Duration.ZERO);
        assertEquals(0, runtime.instances("IdleFunction"));
        assertNotEquals(before.get("instance"), echo("IdleFunction", "{}").get("instance"));
        assertEquals(2, log.matching("IdleFunction", t -> t.startsWith("cold start")).size());
    }

    @Test
    void codeUriMayBeADirectoryOrAZipWithLibJarsLikeLambdasTaskRoot() throws Exception {
        JsonNode fromDirectory = echo("FromDirectory", "{\"form\":\"dir\"}");
        assertEquals("dir", fromDirectory.at("/event/form").asText());
        JsonNode fromZip = echo("FromZip", "{\"form\":\"zip\"}");
        assertEquals("zip", fromZip.at("/event/form").asText());
    }

    @Test
    void handlerExceptionBecomesFunctionErrorWithTypeAndMessage() {
        Invoker.FunctionError error = assertThrows(Invoker.FunctionError.class, () -> echo("EchoFunction", "{\"fail\":\"boom\"}"));
        assertEquals("java.lang.IllegalStateException", error.errorType());
        assertEquals("boom", error.getMessage());
    }

    @Test
    void concurrentCallsScaleOutUpToReservedConcurrency() throws Exception {
        var calls = java.util.stream.IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                return echo("EchoFunction", "{\"sleepMs\":1500}").get("instance").asText();
            } catch (Invoker.FunctionError e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        long distinct = calls.stream().map(CompletableFuture::join).distinct().count();
        assertEquals(2, distinct, "ReservedConcurrentExecutions: 2 caps the instances");
    }

    @Test
    void timeoutKillsTheInstanceAndReportsTaskTimedOut() throws Exception {
        JsonNode before = echo("SlowFunction", "{}");
        Invoker.FunctionError error = assertThrows(Invoker.FunctionError.class, () -> echo("SlowFunction", "{\"sleepMs\":5000}"));
        assertEquals("Sandbox.Timedout", error.errorType());
        assertEquals("Task timed out after 2.00 seconds", error.getMessage());
        JsonNode after = echo("SlowFunction", "{}");
        assertNotEquals(before.get("instance"), after.get("instance"), "the timed-out instance was replaced");
    }
}
