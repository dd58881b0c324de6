package dev.backplane.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.event.Trace;
import dev.backplane.core.observability.Observability;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.store.DynamoIdempotencyStore;
import dev.backplane.orders.api.OrderRoutes;
import dev.backplane.orders.api.SagaEvents;
import dev.backplane.orders.domain.OrderSaga;
import dev.backplane.orders.domain.OrderIds;
import dev.backplane.orders.domain.OrderReview;
import dev.backplane.orders.domain.OrderService;
import dev.backplane.orders.store.DynamoCatalog;
import dev.backplane.orders.store.DynamoOrderStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Start class of the orders Lambda artifact (manifest Start-Class): one function bean per HTTP route, plus the saga. */
@SpringBootConfiguration
public class OrdersFunctions extends FunctionApp {
    private final Config config;

    public OrdersFunctions() { this(Config.fromEnvironment()); }

    public OrdersFunctions(Config config) { this.config = config; }

    public static void main(String[] args) { FunctionalSpringApplication.run(OrdersFunctions.class, args); }

    @Override
    protected void register(Registry registry) {
        Clock clock = Clock.systemUTC();
        Lazy<DynamoDbClient> dynamo = Lazy.of(() -> new AwsClients(config).dynamoDb());
        Supplier<String> table = () -> config.require("TABLE_NAME");
        Lazy<DynamoCatalog> catalog = Lazy.of(() -> new DynamoCatalog(dynamo.get(), table.get()));
        Lazy<DynamoOrderStore> store = Lazy.of(() -> new DynamoOrderStore(dynamo.get(), table.get(), clock));
        Lazy<OrderRoutes> routes = Lazy.of(() -> new OrderRoutes(new OrderService(catalog.get(), store.get(), clock, new OrderIds(clock)),
            catalog.get(), new OrderReview(store.get(), clock)));
        Lazy<Idempotency> idempotency = Lazy.of(() -> new Idempotency(new DynamoIdempotencyStore(dynamo.get(), table.get())));

        http(registry, HttpEndpoint.read("listProducts", r -> routes.get().listProducts(r)));
        http(registry, HttpEndpoint.read("getProduct", r -> routes.get().getProduct(r)));
        http(registry, HttpEndpoint.write("placeOrder", idempotency, r -> routes.get().placeOrder(r)));
        http(registry, HttpEndpoint.read("listOrders", r -> routes.get().listOrders(r)));
        http(registry, HttpEndpoint.read("getOrder", r -> routes.get().getOrder(r)));
        http(registry, HttpEndpoint.write("cancelOrder", idempotency, r -> routes.get().cancelOrder(r)));
        // fraud review (docs/agents.md): held orders and the admin's decision
        http(registry, HttpEndpoint.read("listFlaggedOrders", r -> routes.get().listFlaggedOrders(r)));
        http(registry, HttpEndpoint.write("reviewOrder", idempotency, r -> routes.get().reviewOrder(r)));

        // the saga: payment.* and order.paid from its queue; unpaid orders expire on a schedule
        Lazy<OrderSaga> saga = Lazy.of(() -> new OrderSaga(new DynamoOrderStore(dynamo.get(), table.get(), clock), clock));
        registry.function("runOrderSaga", SQSEvent.class, SQSBatchResponse.class,
            new EventConsumer("order-saga", idempotency, Duration.ofSeconds(60), new SagaEvents(saga)));
        registry.function("expireUnpaidOrders", ScheduledEvent.class, String.class, message -> {
            String runId = message.getPayload().getId() != null ? message.getPayload().getId() : Trace.mintId();
            return Observability.around(lambdaContext(message), runId, () -> "expired " + saga.get().expireUnpaid(
                Duration.ofMinutes(config.getInt("ORDER_PAYMENT_TIMEOUT_MINUTES", 30)), config.getInt("EXPIRY_BATCH", 100), runId));
        });
    }

    private static void http(Registry registry, HttpEndpoint endpoint) {
        registry.function(endpoint.name(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, endpoint);
    }
}
