package dev.backplane.ops;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.event.Trace;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.http.Route;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.store.DynamoIdempotencyStore;
import dev.backplane.core.store.DynamoHopLog;
import dev.backplane.core.store.Items;
import dev.backplane.core.trace.Hops;
import dev.backplane.core.observability.Observability;
import dev.backplane.ops.api.ArchiveEvents;
import dev.backplane.ops.api.DeadLetterRoutes;
import dev.backplane.ops.api.EventStoreRoutes;
import dev.backplane.ops.api.HealthRoutes;
import dev.backplane.ops.api.TraceRoutes;
import dev.backplane.ops.domain.AdminReads;
import dev.backplane.ops.domain.DeadLetterService;
import dev.backplane.ops.domain.HopLog;
import dev.backplane.ops.domain.ReplayTarget;
import dev.backplane.ops.domain.Replays;
import dev.backplane.ops.domain.SystemHealth;
import dev.backplane.ops.relay.BusReplayTarget;
import dev.backplane.ops.relay.EventBusPublisher;
import dev.backplane.ops.relay.OutboxItems;
import dev.backplane.ops.relay.OutboxRelay;
import dev.backplane.ops.relay.OutboxSweeper;
import dev.backplane.ops.store.DynamoEventStore;
import dev.backplane.ops.store.QueueReplayTarget;
import dev.backplane.ops.store.OutboxAuditLog;
import dev.backplane.ops.store.SqsDeadLetterQueues;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Start class of the ops Lambda artifact: outbox relay and sweeper, event store, dead letters, replay, traces, health. */
@SpringBootConfiguration
public class OpsFunctions extends FunctionApp {
    private final Config config;

    public OpsFunctions() { this(Config.fromEnvironment()); }

    public OpsFunctions(Config config) { this.config = config; }

    public static void main(String[] args) { FunctionalSpringApplication.run(OpsFunctions.class, args); }

    @Override
    protected void register(Registry registry) {
        AwsClients aws = new AwsClients(config);
        Clock clock = Clock.systemUTC();
        Lazy<DynamoDbClient> dynamo = Lazy.of(aws::dynamoDb);
        Lazy<SqsClient> sqs = Lazy.of(() -> aws.client(SqsClient.builder(), "SQS"));
        Lazy<EventBusPublisher> publisher = Lazy.of(() -> new EventBusPublisher(aws.client(EventBridgeClient.builder(), "EVENTBRIDGE"),
            config.require("EVENT_BUS_NAME")));
        Lazy<OutboxItems> outbox = Lazy.of(() -> new OutboxItems(dynamo.get(), config.require("TABLE_NAME")));
        Lazy<OutboxRelay> relay = Lazy.of(() -> new OutboxRelay(publisher.get(), outbox.get(), Hops::record));
        Lazy<OutboxSweeper> sweeper = Lazy.of(() -> new OutboxSweeper(publisher.get(), outbox.get(), clock));
        Lazy<DynamoEventStore> traces = Lazy.of(() -> new DynamoEventStore(dynamo.get(), config.require("TABLE_NAME"),
            Duration.ofDays(config.getInt("EVENT_RETENTION_DAYS", (int) DynamoEventStore.DEFAULT_RETENTION.toDays()))));
        Lazy<SqsDeadLetterQueues> deadLetters = Lazy.of(() -> new SqsDeadLetterQueues(sqs.get(), config.get("DEAD_LETTER_QUEUES", ""), clock));
        Lazy<OutboxAuditLog> audit = Lazy.of(() -> new OutboxAuditLog(dynamo.get(), config.require("TABLE_NAME"), clock));
        Lazy<AdminReads> adminReads = Lazy.of(() -> new AdminReads(audit.get(), clock));
        Lazy<DeadLetterRoutes> dlq = Lazy.of(() -> new DeadLetterRoutes(new DeadLetterService(deadLetters.get(), audit.get())));
        Lazy<EventStoreRoutes> eventStore = Lazy.of(() -> new EventStoreRoutes(traces.get(), new Replays(traces.get(),
            name -> replayTarget(name, publisher.get(), sqs.get()), audit.get(), replayConsumers()), adminReads.get()));
        Lazy<SystemHealth> health = Lazy.of(() -> new SystemHealth(probes(dynamo.get(), config.require("TABLE_NAME")), deadLetters.get(),
            () -> outbox.get().oldest().map(at -> Duration.between(at, clock.instant()))));
        HealthRoutes healthRoutes = new HealthRoutes(config.get("BUILD_VERSION", "dev"), health::get);

        registry.function("relayOutbox", DynamodbEvent.class, StreamsEventResponse.class,
            message -> Observability.around(lambdaContext(message), "outbox-relay", () -> relay.get().relay(message.getPayload())));
        // scheduled with Input {"olderThanSeconds", "maxItems"}; the environment gives the defaults
        registry.function("sweepOutbox", Map.class, OutboxSweeper.Result.class, message -> {
            Map<?, ?> input = message.getPayload() == null ? Map.of() : message.getPayload();
            Duration olderThan = Duration.ofSeconds(number(input, "olderThanSeconds", config.getInt("OUTBOX_SWEEP_AGE_SECONDS", 60)));
            int maxItems = number(input, "maxItems", config.getInt("OUTBOX_SWEEP_MAX_ITEMS", 500));
            return Observability.around(lambdaContext(message), Trace.mintId(), () -> sweeper.get().sweep(olderThan, maxItems));
        });
        registry.function("recordEvent", SQSEvent.class, SQSBatchResponse.class, new ArchiveEvents(traces, clock));
        Lazy<TraceRoutes> traceRoutes = Lazy.of(() -> new TraceRoutes(traces.get(), config.find("TRACE_HOP_TABLE")
            .<HopLog>map(table -> new DynamoHopLog(dynamo.get(), table, DynamoHopLog.DEFAULT_RETENTION, clock)::byCorrelationId).orElse(HopLog.NONE),
            adminReads.get()));
        http(registry, "getTrace", r -> traceRoutes.get().getTrace(r));
        http(registry, "listDeadLetterQueues", r -> dlq.get().list(r));
        http(registry, "peekDeadLetters", r -> dlq.get().peek(r));
        Lazy<Idempotency> idempotency = Lazy.of(() -> new Idempotency(new DynamoIdempotencyStore(dynamo.get(), config.require("TABLE_NAME"))));
        write(registry, "redriveDeadLetters", idempotency, r -> dlq.get().redrive(r));
        write(registry, "deleteDeadLetters", idempotency, r -> dlq.get().delete(r));
        http(registry, "findEvents", r -> eventStore.get().find(r));
        write(registry, "replayEvents", idempotency, r -> eventStore.get().replay(r));
        http(registry, "getHealth", healthRoutes::health);
        http(registry, "getAdminHealth", healthRoutes::adminHealth);
    }

    private static void http(Registry registry, String name, Route route) {
        registry.function(name, APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, HttpEndpoint.read(name, route));
    }

    private static void write(Registry registry, String name, Lazy<Idempotency> idempotency, Route route) {
        registry.function(name, APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, HttpEndpoint.write(name, idempotency, route));
    }

    /** "bus", or a consumer's queue by the name its dead-letter queue has in DEAD_LETTER_QUEUES (e.g. order-saga). */
    private ReplayTarget replayTarget(String name, EventBusPublisher publisher, SqsClient sqs) {
        if (name.equals("bus")) return new BusReplayTarget(publisher);
        String source = SqsDeadLetterQueues.sourceQueues(config.get("DEAD_LETTER_QUEUES", "")).get(name);
        return source == null ? null : new QueueReplayTarget(sqs, source);
    }

    /** Consumers that opted in to direct replays (REPLAY_CONSUMERS, comma-separated queue names). */
    private Set<String> replayConsumers() {
        return Arrays.stream(config.get("REPLAY_CONSUMERS", DEFAULT_REPLAY_CONSUMERS).split(","))
            .map(String::strip).filter(n -> !n.isEmpty()).collect(Collectors.toSet());
    }

    /** Idempotent consumers whose effects are state only (no mail, webhook, payment or LLM call). */
    static final String DEFAULT_REPLAY_CONSUMERS = "event-store,order-saga,order-payments,realtime-push";

    private static Map<String, Runnable> probes(DynamoDbClient dynamo, String table) {
        Map<String, Runnable> probes = new LinkedHashMap<>();
        probes.put("dynamodb", () -> dynamo.getItem(b -> b.tableName(table).key(Items.key("HEALTH", "HEALTH"))));
        return probes;
    }

    private static int number(Map<?, ?> input, String name, int fallback) {
        return input.get(name) instanceof Number n ? Math.max(0, n.intValue()) : fallback;
    }
}
