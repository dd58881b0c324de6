// SPDX-License-Identifier: Apache-2.0
package dev.backplane.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Makes a loopback-only server of this JVM (the local OIDC provider, the Stripe simulator) reachable from containers
 * as host.docker.internal:{@link #port()}: accepts on all interfaces and pipes each connection to 127.0.0.1:target.
 */
final class HostRelay implements AutoCloseable {
    private final ServerSocket server;

    HostRelay(int target) {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("0.0.0.0", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket("127.0.0.1", target);
                    Thread.ofVirtual().start(() -> pipe(in, out));
                    Thread.ofVirtual().start(() -> pipe(out, in));
                } catch (IOException e) {
                    if (!server.isClosed()) System.err.println("host relay: " + e.getMessage());
                }
            }
        });
    }

    int port() { return server.getLocalPort(); }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the other side closed: the connection is over
        } finally {
            try { from.close(); to.close(); } catch (IOException ignored) { /* already closed */ }
        }
    }

    @Override
    public void close() throws IOException { server.close(); }
}
