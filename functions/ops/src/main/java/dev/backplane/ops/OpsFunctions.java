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
import dev.backplane.core.outbox.OutboxRelay;
import dev.backplane.ops.api.TraceRoutes;
import dev.backplane.ops.store.DynamoTraceStore;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Start class of the ops Lambda artifact: outbox relay, event store (traces), trace lookup. */
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
        Lazy<OutboxRelay> relay = Lazy.of(() -> new OutboxRelay(aws.eventBridge(), dynamo.get(), config.require("TABLE_NAME"),
            config.require("EVENT_BUS_NAME")));
        Lazy<DynamoTraceStore> traces = Lazy.of(() -> new DynamoTraceStore(dynamo.get(), config.require("TABLE_NAME")));

        registry.function("relayOutbox", DynamodbEvent.class, StreamsEventResponse.class,
            message -> Observability.around(lambdaContext(message), "outbox-relay", () -> relay.get().relay(message.getPayload())));
        registry.function("recordEvent", SQSEvent.class, SQSBatchResponse.class,
            EventConsumer.naturallyIdempotent("event-store", event -> traces.get().record(event)));
        HttpEndpoint getTrace = HttpEndpoint.read("getTrace", r -> new TraceRoutes(traces.get()).getTrace(r));
        registry.function("getTrace", APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, getTrace);
    }
}
