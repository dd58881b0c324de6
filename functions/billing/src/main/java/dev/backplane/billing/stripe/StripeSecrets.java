package dev.backplane.billing.stripe;

import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.parameters.BaseProvider;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * The Stripe API key and webhook secret. Locally (devstack, tests) they come from STRIPE_API_KEY /
 * STRIPE_WEBHOOK_SECRET; on AWS from the SSM SecureString or Secrets Manager secret named by
 * STRIPE_API_KEY_PARAMETER / STRIPE_WEBHOOK_SECRET_PARAMETER (Powertools parameters, cached 5 minutes so a rotated
 * secret is picked up without a deploy). Values are never logged or put into exceptions.
 */
public final class StripeSecrets {
    private static final int CACHE_MINUTES = 5;
    private final Config config;
    private final AwsClients aws;

    public StripeSecrets(Config config) {
        this.config = config;
        this.aws = new AwsClients(config);
    }

    public Supplier<String> apiKey() { return secret("STRIPE_API_KEY"); }

    public Supplier<String> webhookSecret() { return secret("STRIPE_WEBHOOK_SECRET"); }

    private Supplier<String> secret(String name) {
        var local = config.find(name);
        if (local.isPresent()) return local::get;
        String parameter = config.require(name + "_PARAMETER");
        // Secrets Manager names/ARNs vs SSM parameter paths ("/backplane/dev/stripe/api-key")
        BaseProvider provider = parameter.startsWith("/") ? ssm() : secrets();
        return () -> provider.withMaxAge(CACHE_MINUTES, ChronoUnit.MINUTES).get(parameter);
    }

    private BaseProvider ssm() {
        SsmClient client = aws.configure(SsmClient.builder(), "SSM").httpClient(UrlConnectionHttpClient.create()).build();
        return SSMProvider.builder().withClient(client).build().withDecryption();
    }

    private BaseProvider secrets() {
        SecretsManagerClient client = aws.configure(SecretsManagerClient.builder(), "SECRETS_MANAGER")
            .httpClient(UrlConnectionHttpClient.create()).build();
        return SecretsProvider.builder().withClient(client).build();
    }
}
