package dev.backplane.devstack.sqs;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, the SQS-compatible server, embedded; speaks the SQS JSON protocol of AWS SDK v2 (and the query protocol). */
public final class ElasticMq implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static ElasticMq start(int port, String region, String accountId) {
        SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1")
            .withServerAddress(new NodeAddress("http", "localhost", port, ""))
            .withAWSRegion(region).withAWSAccountId(accountId).start();
        server.waitUntilStarted();
        return new ElasticMq(server, port);
    }

    public URI endpoint() { return URI.create("http://localhost:" + port); }

    @Override
    public void close() { server.stopAndWait(); }
}
