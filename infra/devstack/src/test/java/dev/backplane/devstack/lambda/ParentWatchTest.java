package dev.backplane.devstack.lambda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.sandbox.SandboxMain;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A function JVM dies with its parent even when the parent is SIGKILLed (no orphans after kill -9 devstack). */
class ParentWatchTest {
    @Test
    void functionJvmExitsWhenItsParentDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        try (ServerSocket runtimeApi = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // a Runtime API that accepts and never answers: the child waits in invocation/next, as an idle instance does
            Thread.ofVirtual().start(() -> {
                List<java.net.Socket> held = new ArrayList<>();
                try {
                    while (true) held.add(runtimeApi.accept());
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            List<Path> classpath = new ArrayList<>(List.of(SandboxJar.path()));
            classpath.addAll(RuntimeJars.locate());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + SandboxMain.PARENT_PID + "=" + parent.pid(), "--enable-native-access=ALL-UNNAMED",
                "-cp", String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                SandboxJar.MAIN, "example.Handler::handleRequest").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.getLocalPort());
            builder.environment().put("_HANDLER", "example.Handler::handleRequest");
            Process child = builder.start();
            try {
                assertFalse(child.waitFor(2, TimeUnit.SECONDS), "the child keeps running while its parent lives");
                parent.destroyForcibly(); // SIGKILL: no chance to stop its children
                assertTrue(child.waitFor(5, TimeUnit.SECONDS), "the child noticed its parent's death and exited");
            } finally {
                child.destroyForcibly();
            }
        } finally {
            parent.destroyForcibly();
        }
    }
}
