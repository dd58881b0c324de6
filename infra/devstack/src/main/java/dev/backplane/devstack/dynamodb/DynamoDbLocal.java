package dev.backplane.devstack.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** AWS's own DynamoDB Local, run in this JVM (in memory, or on disk with a directory). */
public final class DynamoDbLocal implements AutoCloseable {
    private static final String[] NATIVES = {"libsqlite4java-linux-amd64.so", "libsqlite4java-osx.dylib"};
    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on {@code port} (0 picks a free one); {@code dataDir} null means in memory. */
    public static DynamoDbLocal start(int port, Path dataDir) {
        prepareNativeLibrary();
        int actualPort = port == 0 ? freePort() : port;
        // -sharedDb: one database for every access key and region, as functions, tools and tests all use different dummy keys
        List<String> args = new ArrayList<>(List.of("-port", String.valueOf(actualPort), "-disableTelemetry", "-sharedDb"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            args.addAll(List.of("-dbPath", dataDir.toString()));
        }
        try {
            DynamoDBProxyServer server = withoutBanner(() -> ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new)));
            server.start();
            return new DynamoDbLocal(server, actualPort);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local failed to start on port " + actualPort + ": " + e.getMessage(), e);
        }
    }

    private interface Creation<T> {
        T create() throws Exception;
    }

    /**
     * DynamoDB Local prints its configuration banner on System.out while parsing its arguments; stdout belongs to
     * devstack's output (e.g. the response of {@code devstack invoke}), so the banner is swallowed.
     */
    private static synchronized <T> T withoutBanner(Creation<T> creation) throws Exception {
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return creation.create();
        } finally {
            System.setOut(stdout);
        }
    }

    public URI endpoint() { return URI.create("http://localhost:" + port); }

    public int port() { return port; }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    private static synchronized void prepareNativeLibrary() {
        if (System.getProperty("sqlite4java.library.path") != null) return;
        try {
            Path dir = Files.createTempDirectory("devstack-sqlite");
            dir.toFile().deleteOnExit();
            for (String name : NATIVES) {
                try (InputStream in = DynamoDbLocal.class.getResourceAsStream("/devstack-native/" + name)) {
                    if (in == null) continue;
                    Path target = dir.resolve(name);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                }
            }
            System.setProperty("sqlite4java.library.path", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract SQLite native library for DynamoDB Local", e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
