package dev.backplane.devstack.lambda;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One invocation on its way through the Runtime API: handed out by /next, completed by /response or /error. */
final class Invocation {
    final String requestId = UUID.randomUUID().toString();
    final String traceId = TraceIds.next();
    final byte[] payload;
    /** Completes when the runtime picked the invocation up (GET /next); the value is the deadline in epoch ms. */
    final CompletableFuture<Long> delivered = new CompletableFuture<>();
    final CompletableFuture<byte[]> result = new CompletableFuture<>();

    Invocation(byte[] payload) { this.payload = payload; }
}
