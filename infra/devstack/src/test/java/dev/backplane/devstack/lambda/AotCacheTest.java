package dev.backplane.devstack.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.CapturingLog;
import dev.backplane.devstack.FixtureJar;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Template;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The first instance of a jar records an AOT cache when it stops; the next cold start of the same jar loads it. */
class AotCacheTest {
    @Test
    void recordedOnceThenLoadedByLaterColdStarts() throws Exception {
        Path cacheRoot = Files.createTempDirectory("devstack-cache");
        String previous = System.getProperty("devstack.cache");
        System.setProperty("devstack.cache", cacheRoot.toString());
        try {
            Template template = Template.load(FixtureJar.template("functions.yaml"));
            var functions = FunctionDefinitions.load(template, new Intrinsics(template, Map.of(), "eu-west-1", "000000000000", "http://localhost:1"));
            byte[] event = "{}".getBytes(StandardCharsets.UTF_8);
            CapturingLog first = new CapturingLog();
            try (LambdaRuntime runtime = new LambdaRuntime(functions, "eu-west-1", new ServiceEndpoints(), first, LambdaRuntime.DEFAULT_INIT_TIMEOUT, FunctionLimits.DEFAULTS)) {
                runtime.invoke("WarmFunction", event);
            } // stopping the recording instance writes its cache
            first.await("WarmFunction", t -> t.contains("recording an AOT cache"), 1, Duration.ofSeconds(1));
            try (Stream<Path> files = Files.list(cacheRoot.resolve("aot"))) {
                assertEquals(1, files.filter(p -> p.toString().endsWith(".aot")).count(), "one cache for the fixture jar");
            }
            CapturingLog second = new CapturingLog();
            try (LambdaRuntime runtime = new LambdaRuntime(functions, "eu-west-1", new ServiceEndpoints(), second, LambdaRuntime.DEFAULT_INIT_TIMEOUT, FunctionLimits.DEFAULTS)) {
                runtime.invoke("WarmFunction", event);
                assertTrue(second.matching("WarmFunction", t -> t.startsWith("cold start") && t.endsWith("(with AOT cache)")).size() == 1,
                    "the next cold start loads it: " + second.lines());
            }
        } finally {
            if (previous == null) System.clearProperty("devstack.cache");
            else System.setProperty("devstack.cache", previous);
        }
    }
}
