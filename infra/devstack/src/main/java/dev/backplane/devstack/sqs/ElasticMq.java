package dev.backplane.devstack.sqs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;

/**
 * ElasticMQ, the SQS-compatible server, embedded; speaks the SQS JSON protocol of AWS SDK v2 (and the query protocol).
 * With a data directory, queues and messages are kept in an H2 database through ElasticMQ's own SQL persistence
 * (wired here as ElasticMQ's standalone server does it) and restored on the next start.
 */
public final class ElasticMq implements AutoCloseable {
    private final SQSRestServer server;
    private final ActorSystem actors;
    private final int port;

    private ElasticMq(SQSRestServer server, ActorSystem actors, int port) {
        this.server = server;
        this.actors = actors;
        this.port = port;
    }

    /** {@code dataDir} null means in memory. */
    public static ElasticMq start(int port, String region, String accountId, Path dataDir) {
        var builder = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1")
            .withServerAddress(new NodeAddress("http", "localhost", port, ""))
            .withAWSRegion(region).withAWSAccountId(accountId);
        ActorSystem actors = null;
        if (dataDir != null) {
            actors = ActorSystem.create("devstack-sqs");
            SqlQueuePersistenceConfig storage = new SqlQueuePersistenceConfig(true, "org.h2.Driver",
                "jdbc:h2:" + dataDir.toAbsolutePath().resolve("elasticmq"), "", "", false);
            scala.collection.immutable.List<CreateQueueMetadata> noConfiguredQueues =
                scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.<CreateQueueMetadata>of()).toList();
            ActorRef persistence = actors.actorOf(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(storage, noConfiguredQueues)));
            ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class,
                () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, scala.Option.apply(persistence))));
            Patterns.ask(persistence, new QueueEvent.Restore(queues), Duration.ofSeconds(30)).toCompletableFuture().join();
            builder = builder.withActorSystem(actors).withQueueManagerActor(queues).withQueueEventListener(persistence);
        }
        SQSRestServer server = builder.start();
        server.waitUntilStarted();
        return new ElasticMq(server, actors, port);
    }

    public URI endpoint() { return URI.create("http://localhost:" + port); }

    @Override
    public void close() {
        server.stopAndWait();
        if (actors != null) actors.terminate();
    }
}
