package dev.backplane.ops;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.observability.Observability;
import dev.backplane.core.event.Trace;
import dev.backplane.ops.api.TraceRoutes;
import dev.backplane.ops.relay.EventBusPublisher;
import dev.backplane.ops.relay.OutboxItems;
import dev.backplane.ops.relay.OutboxRelay;
import dev.backplane.ops.relay.OutboxSweeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import dev.backplane.ops.store.DynamoTraceStore;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

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
        Lazy<DynamoDbClient> dynamo = Lazy.of(aws::dynamoDb);
        Lazy<EventBusPublisher> publisher = Lazy.of(() -> new EventBusPublisher(aws.client(EventBridgeClient.builder(), "EVENTBRIDGE"),
            config.require("EVENT_BUS_NAME")));
        Lazy<OutboxItems> outbox = Lazy.of(() -> new OutboxItems(dynamo.get(), config.require("TABLE_NAME")));
        Lazy<OutboxRelay> relay = Lazy.of(() -> new OutboxRelay(publisher.get(), outbox.get()));
        Lazy<OutboxSweeper> sweeper = Lazy.of(() -> new OutboxSweeper(publisher.get(), outbox.get(), Clock.systemUTC()));
        Lazy<DynamoTraceStore> traces = Lazy.of(() -> new DynamoTraceStore(dynamo.get(), config.require("TABLE_NAME")));

        registry.function("relayOutbox", DynamodbEvent.class, StreamsEventResponse.class,
            message -> Observability.around(lambdaContext(message), "outbox-relay", () -> relay.get().relay(message.getPayload())));
        // scheduled with Input {"olderThanSeconds", "maxItems"}; the environment gives the defaults
        registry.function("sweepOutbox", Map.class, OutboxSweeper.Result.class, message -> {
            Map<?, ?> input = message.getPayload() == null ? Map.of() : message.getPayload();
            Duration olderThan = Duration.ofSeconds(number(input, "olderThanSeconds", config.getInt("OUTBOX_SWEEP_AGE_SECONDS", 60)));
            int maxItems = number(input, "maxItems", config.getInt("OUTBOX_SWEEP_MAX_ITEMS", 500));
            return Observability.around(lambdaContext(message), Trace.mintId(), () -> sweeper.get().sweep(olderThan, maxItems));
        });
        registry.function("recordEvent", SQSEvent.class, SQSBatchResponse.class,
            EventConsumer.naturallyIdempotent("event-store", event -> traces.get().record(event)));
        HttpEndpoint getTrace = HttpEndpoint.read("getTrace", r -> new TraceRoutes(traces.get()).getTrace(r));
        registry.function("getTrace", APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, getTrace);
    }

    private static int number(Map<?, ?> input, String name, int fallback) {
        return input.get(name) instanceof Number n ? Math.max(0, n.intValue()) : fallback;
    }
}
