// SPDX-License-Identifier: Apache-2.0
package dev.backplane.core.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrimingTest {

    @Test
    void everyPrimerRunsBeforeTheCheckpointEvenAfterOneFails() {
        Priming priming = new Priming();
        List<String> ran = new ArrayList<>();
        priming.add("first", () -> ran.add("first"));
        priming.add("broken", () -> { throw new IllegalStateException("no network"); });
        priming.add("last", () -> ran.add("last"));

        assertEquals(List.of("broken"), priming.prime());
        assertEquals(List.of("first", "last"), ran);
    }

    /**
     * A real checkpoint and restore (what SnapStart does) needs a CRaC-enabled JDK: the one in {@code CRAC_JAVA_HOME},
     * or the JDK running the tests if it is one. The checkpointed JVM primes, then the restored one must answer.
     */
    @Test
    void primesBeforeACheckpointAndRunsAfterRestore(@TempDir Path dir) throws Exception {
        Path javaHome = Path.of(System.getenv().getOrDefault("CRAC_JAVA_HOME", System.getProperty("java.home")));
        Assumptions.assumeTrue(Files.exists(javaHome.resolve("lib/criu")),
            () -> "skipped: no CRaC-enabled JDK (" + javaHome + " has no lib/criu; set CRAC_JAVA_HOME to e.g. Azul Zulu with CRaC)");
        String java = javaHome.resolve("bin/java").toString();
        Path image = dir.resolve("image");
        String checkpointed = run(dir, java, "-XX:CRaCCheckpointTo=" + image, "-cp", System.getProperty("java.class.path"),
            CheckpointMain.class.getName());
        assertTrue(checkpointed.contains("primed"), checkpointed);
        String restored = run(dir, java, "-XX:CRaCRestoreFrom=" + image);
        assertTrue(restored.contains("restored"), restored);
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = dir.resolve("out-" + System.nanoTime());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); }
        return Files.readString(out);
    }
}
