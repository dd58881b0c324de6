package dev.backplane.agents.store;

import dev.backplane.agents.fraud.FraudRules;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * Where the fraud rules come from: the SSM parameter named by FRAUD_RULES_PARAMETER on AWS (Powertools parameters,
 * cached 5 minutes, so a threshold change needs no deploy), else FRAUD_RULES from the environment, else the defaults.
 */
public final class FraudRulesSource {
    private static final int CACHE_MINUTES = 5;

    private FraudRulesSource() {}

    public static Supplier<FraudRules> from(Config config) {
        var parameter = config.find("FRAUD_RULES_PARAMETER");
        if (parameter.isEmpty()) {
            FraudRules fixed = FraudRules.from(config.get("FRAUD_RULES", null));
            return () -> fixed;
        }
        SsmClient client = new AwsClients(config).configure(SsmClient.builder(), "SSM").httpClient(UrlConnectionHttpClient.create()).build();
        SSMProvider ssm = SSMProvider.builder().withClient(client).build();
        return () -> FraudRules.from(ssm.withMaxAge(CACHE_MINUTES, ChronoUnit.MINUTES).get(parameter.get()));
    }
}
