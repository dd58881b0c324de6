package dev.backplane.devstack.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The runtime interface client's JNI library, extracted once per devstack. Left alone, every RIC copies it to the
 * fixed path /tmp/.libaws-lambda-jni.so — harmless on Lambda, where each sandbox has its own /tmp, but two function
 * JVMs starting together here overwrite the file while the other maps it (SIGBUS). The RIC loads the library named
 * by {@link #PROPERTY} instead when that system property is set.
 */
final class RicNativeLibrary {
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static Path extracted;

    private RicNativeLibrary() {}

    /** {@code -D…=<path>} for a function JVM, or null when this platform's library is not in the RIC jar. */
    static synchronized String systemPropertyArgument() {
        if (extracted == null) extracted = extract();
        return extracted == null ? null : "-D" + PROPERTY + "=" + extracted;
    }

    private static Path extract() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).contains("aarch64") ? "aarch_64" : "x86_64";
        String name = "libaws-lambda-jni.linux-" + arch + ".so";
        try (InputStream in = RicNativeLibrary.class.getClassLoader().getResourceAsStream("jni/" + name)) {
            if (in == null) return null;
            Path dir = Files.createTempDirectory("devstack-ric-jni");
            Path target = dir.resolve(name);
            Files.copy(in, target);
            target.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the runtime interface client's JNI library", e);
        }
    }
}
