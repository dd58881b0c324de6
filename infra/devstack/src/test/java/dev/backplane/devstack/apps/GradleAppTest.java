package dev.backplane.devstack.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backplane.devstack.RunningDevstack;
import dev.backplane.devstack.lambda.SourceBuild;
import dev.backplane.devstack.template.TemplateException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The hello-gradle fixture app: a Gradle source folder is built like sam build does. Without Gradle on this machine
 * the build test is skipped (with the reason) and the startup error saying what to install is checked instead.
 */
class GradleAppTest {
    private static final Path APP = ThirdPartyAppsTest.APPS.resolve("hello-gradle");

    @Test
    void aGradleProjectIsBuiltAndServed() throws Exception {
        assumeTrue(SourceBuild.onPath("gradle") != null || Files.exists(APP.resolve("gradlew")),
            "no gradle on PATH and no wrapper in " + APP + ": the Gradle build path is not exercised on this machine");
        try (RunningDevstack stack = new RunningDevstack(APP.resolve("template.yaml"), null)) {
            HttpResponse<String> hello = ThirdPartyAppsTest.call(stack, "GET", "/hello/ada", null);
            assertEquals(200, hello.statusCode(), hello.body());
            assertEquals("hello ada from gradle", hello.body());
        }
    }

    @Test
    void withoutGradleStartupStopsSayingWhatToInstall() throws Exception {
        assumeTrue(SourceBuild.onPath("gradle") == null, "gradle is on PATH: the missing-Gradle error cannot happen here");
        Path copy = Files.createTempDirectory("gradle-app");
        for (String f : new String[] {"build.gradle", "settings.gradle", "template.yaml"}) Files.copy(APP.resolve(f), copy.resolve(f));
        TemplateException e = assertThrows(TemplateException.class, () -> new RunningDevstack(copy.resolve("template.yaml"), null).close());
        assertTrue(e.getMessage().startsWith("cannot build HelloFunction: ") && e.getMessage().contains("install Gradle"), e.getMessage());
    }
}
