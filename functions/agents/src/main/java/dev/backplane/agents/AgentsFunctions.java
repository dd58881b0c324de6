package dev.backplane.agents;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.agents.digest.DigestAgent;
import dev.backplane.agents.fraud.FraudAgent;
import dev.backplane.agents.store.DynamoActivityStore;
import dev.backplane.agents.store.DynamoFraudStore;
import dev.backplane.agents.store.FraudRulesSource;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.config.Config;
import dev.backplane.core.event.Trace;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.observability.Observability;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Start class of the agents Lambda artifact: each agent is a plain function bean fed by its own rule → queue. Both
 * are idempotent by construction: a decision (or a counted event, or a digest) is written only if absent.
 */
@SpringBootConfiguration
public class AgentsFunctions extends FunctionApp {
    private final Config config;

    public AgentsFunctions() { this(Config.fromEnvironment()); }

    public AgentsFunctions(Config config) { this.config = config; }

    public static void main(String[] args) { FunctionalSpringApplication.run(AgentsFunctions.class, args); }

    @Override
    protected void register(Registry registry) {
        Clock clock = Clock.systemUTC();
        Lazy<DynamoDbClient> dynamo = Lazy.of(() -> new AwsClients(config).dynamoDb());
        Lazy<FraudAgent> fraud = Lazy.of(() -> new FraudAgent(new DynamoFraudStore(dynamo.get(), config.require("TABLE_NAME"), clock),
            FraudRulesSource.from(config), clock));
        Lazy<DigestAgent> digest = Lazy.of(() -> new DigestAgent(new DynamoActivityStore(dynamo.get(), config.require("TABLE_NAME"), clock), clock));

        registry.function("runFraudAgent", SQSEvent.class, SQSBatchResponse.class, EventConsumer.naturallyIdempotent("fraud-agent",
            event -> fraud.get().handle(event).ifPresent(d -> Observability.millis("fraud.decisionLatency", d.latencyMicros() / 1000.0))));
        registry.function("recordActivity", SQSEvent.class, SQSBatchResponse.class,
            EventConsumer.naturallyIdempotent("digest-activity", event -> digest.get().observe(event)));
        // the daily schedule digests the day before the run's time (a run at 06:00 UTC reports yesterday)
        registry.function("buildDigests", Map.class, String.class, message -> {
            Map<?, ?> event = message.getPayload();
            String runId = event.get("id") instanceof String id ? id : Trace.mintId();
            Instant at = event.get("time") instanceof String time ? Instant.parse(time) : clock.instant();
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC).minusDays(1);
            return Observability.around(lambdaContext(message), runId, () -> "digests for " + day + ": " + digest.get().digest(day, runId));
        });
    }
}
