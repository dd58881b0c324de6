package dev.backplane.devstack.lambda;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The jars Lambda's managed Java runtime puts under every function: the runtime interface client (with its JNI
 * part), aws-lambda-java-core and -serialization, and the SDK's utils-lite. They are found on devstack's own
 * classpath (resolved by Maven, never shaded) so children get the exact, clean jars.
 */
public final class RuntimeJars {
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final List<String> MARKER_CLASSES = List.of(RIC_MAIN,
        "com.amazonaws.services.lambda.runtime.RequestHandler",
        "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers",
        "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    private RuntimeJars() {}

    public static List<Path> locate() {
        return MARKER_CLASSES.stream().map(RuntimeJars::jarOf).distinct().toList();
    }

    private static Path jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, RuntimeJars.class.getClassLoader());
            Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.exists(path)) throw new IllegalStateException(path + " does not exist");
            return path;
        } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("devstack's classpath lacks " + className
                + " (aws-lambda-java-runtime-interface-client and friends); run devstack through devstack.sh", e);
        }
    }
}
