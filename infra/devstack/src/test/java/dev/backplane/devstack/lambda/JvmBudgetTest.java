package dev.backplane.devstack.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backplane.devstack.CapturingLog;
import dev.backplane.devstack.FixtureJar;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Template;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Memory bounds: a global JVM cap with least-recently-used eviction, and pre-started instances. */
class JvmBudgetTest {
    @Test
    void theLeastRecentlyUsedIdleInstanceMakesRoomAndPrestartedOnesAreWarm() throws Exception {
        Template template = Template.load(FixtureJar.template("functions.yaml"));
        Intrinsics intrinsics = new Intrinsics(template, Map.of(), "eu-west-1", "000000000000", "http://localhost:1");
        CapturingLog log = new CapturingLog();
        try (LambdaRuntime runtime = new LambdaRuntime(FunctionDefinitions.load(template, intrinsics), "eu-west-1",
                new ServiceEndpoints(), log, LambdaRuntime.DEFAULT_INIT_TIMEOUT, new FunctionLimits(1, 2, Duration.ofMinutes(5)))) {
            byte[] event = "{}".getBytes(StandardCharsets.UTF_8);
            runtime.invoke("WarmFunction", event);
            runtime.invoke("IdleFunction", event);
            runtime.invoke("EchoFunction", event); // a third JVM: WarmFunction's idle instance (least recently used) goes
            assertEquals(0, runtime.instances("WarmFunction"));
            assertEquals(1, runtime.instances("IdleFunction"));
            assertEquals(1, runtime.instances("EchoFunction"));
            log.await("WarmFunction", t -> t.startsWith("idle instance stopped to stay within --max-jvms 2"), 1, Duration.ofSeconds(5));

            runtime.prestart(List.of("FromZip"));
            log.await("FromZip", t -> true, 0, Duration.ofSeconds(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (runtime.instances("FromZip") == 0 && System.nanoTime() < deadline) Thread.sleep(50);
            assertEquals(1, runtime.instances("FromZip"), "pre-started before any call");
            runtime.invoke("FromZip", event);
            assertEquals(1, runtime.instances("FromZip"), "the first call used the pre-started instance");
        }
    }
}
