package dev.backplane.billing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.billing.api.BillingMetrics;
import dev.backplane.billing.api.ChatCreditEvents;
import dev.backplane.billing.api.CheckoutRoutes;
import dev.backplane.billing.api.CreditRoutes;
import dev.backplane.billing.api.OrderPaymentEvents;
import dev.backplane.billing.api.StripeWebhookRoute;
import dev.backplane.billing.domain.BillingConfig;
import dev.backplane.billing.domain.CheckoutService;
import dev.backplane.billing.domain.CreditLedger;
import dev.backplane.billing.domain.OrderPayments;
import dev.backplane.billing.store.DynamoCheckoutStore;
import dev.backplane.billing.store.DynamoCreditStore;
import dev.backplane.billing.store.DynamoOrderLookup;
import dev.backplane.billing.store.DynamoRefusedRefunds;
import dev.backplane.billing.store.DynamoWebhookInbox;
import dev.backplane.billing.stripe.StripePaymentGateway;
import dev.backplane.billing.stripe.StripeSecrets;
import dev.backplane.billing.stripe.StripeSignature;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.batch.EventConsumer;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.store.DynamoIdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Start class of the billing Lambda artifact: checkout endpoints, the Stripe webhook, credits, and the consumer of
 * the order events billing acts on (refunds, closing checkouts of cancelled orders). Each Lambda builds only what its
 * one function needs (Stripe client, secrets) on first use.
 */
@SpringBootConfiguration
public class BillingFunctions extends FunctionApp {
    private final Config config;
    private final BillingMetrics metrics;

    public BillingFunctions() { this(Config.fromEnvironment()); }

    public BillingFunctions(Config config) { this(config, BillingMetrics.EMF); }

    public BillingFunctions(Config config, BillingMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public static void main(String[] args) { FunctionalSpringApplication.run(BillingFunctions.class, args); }

    @Override
    protected void register(Registry registry) {
        Clock clock = Clock.systemUTC();
        Lazy<DynamoDbClient> dynamo = Lazy.of(() -> new AwsClients(config).dynamoDb());
        Supplier<String> table = () -> config.require("TABLE_NAME");
        Lazy<StripeSecrets> secrets = Lazy.of(() -> new StripeSecrets(config));
        Lazy<StripePaymentGateway> stripe = Lazy.of(() ->
            new StripePaymentGateway(secrets.get().apiKey().get(), config.find("STRIPE_API_BASE").orElse(null)));
        Lazy<Idempotency> idempotency = Lazy.of(() -> new Idempotency(new DynamoIdempotencyStore(dynamo.get(), table.get())));
        Lazy<CheckoutRoutes> checkout = Lazy.of(() -> new CheckoutRoutes(new CheckoutService(new DynamoOrderLookup(dynamo.get(), table.get()),
            new DynamoCheckoutStore(dynamo.get(), table.get(), clock), stripe.get(), billingConfig(), clock)));
        Lazy<StripeWebhookRoute> webhook = Lazy.of(() -> new StripeWebhookRoute(
            new StripeSignature(secrets.get().webhookSecret(), billingConfig().webhookTolerance(), clock),
            new DynamoWebhookInbox(dynamo.get(), table.get(), clock), new DynamoCheckoutStore(dynamo.get(), table.get(), clock),
            Boolean.parseBoolean(config.get("STRIPE_LIVEMODE", "false")), metrics));
        Lazy<CreditRoutes> credits = Lazy.of(() -> new CreditRoutes(new CreditLedger(new DynamoCreditStore(dynamo.get(), table.get(), clock))));

        http(registry, HttpEndpoint.write("checkoutOrder", idempotency, r -> checkout.get().checkoutOrder(r)));
        http(registry, HttpEndpoint.write("checkoutCreditPack", idempotency, r -> checkout.get().checkoutCreditPack(r)));
        // Stripe retries by itself and is deduplicated by its event id, not by an Idempotency-Key header
        http(registry, HttpEndpoint.read("stripeWebhook", r -> webhook.get().receive(r)));
        http(registry, HttpEndpoint.read("getBalance", r -> credits.get().balance(r)));
        http(registry, HttpEndpoint.read("listLedger", r -> credits.get().ledger(r)));
        registry.function("spendChatCredits", SQSEvent.class, SQSBatchResponse.class, new EventConsumer("chat-credits", idempotency,
            Duration.ofSeconds(60), new ChatCreditEvents(Lazy.of(() -> new CreditLedger(new DynamoCreditStore(dynamo.get(), table.get(), clock))))));
        registry.function("handleOrderPayments", SQSEvent.class, SQSBatchResponse.class, new EventConsumer("order-payments", idempotency,
            Duration.ofSeconds(60), new OrderPaymentEvents(Lazy.of(() -> new OrderPayments(stripe.get(),
                new DynamoCheckoutStore(dynamo.get(), table.get(), clock), new DynamoRefusedRefunds(dynamo.get(), table.get(), clock), clock)), metrics)));
    }

    private BillingConfig billingConfig() {
        return new BillingConfig(config.get("CHECKOUT_SUCCESS_URL", "http://localhost:5173/orders?paid=1"),
            config.get("CHECKOUT_CANCEL_URL", "http://localhost:5173/orders?cancelled=1"),
            Duration.ofMinutes(config.getInt("CHECKOUT_OPEN_MINUTES", 30)),
            Duration.ofSeconds(config.getInt("STRIPE_WEBHOOK_TOLERANCE_SECONDS", 300)));
    }

    private static void http(Registry registry, HttpEndpoint endpoint) {
        registry.function(endpoint.name(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, endpoint);
    }
}
