package dev.backplane.billing.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where secrets come from: the environment locally; otherwise a named parameter, and a clear error without one. */
class StripeSecretsTest {
    @Test
    void environmentValuesWinAndNeedNoAws() {
        StripeSecrets secrets = new StripeSecrets(Config.of(Map.of("STRIPE_API_KEY", "sk_test_env", "STRIPE_WEBHOOK_SECRET", "whsec_env",
            "STRIPE_API_KEY_PARAMETER", "/never/read")));
        assertEquals("sk_test_env", secrets.apiKey().get());
        assertEquals("whsec_env", secrets.webhookSecret().get());
    }

    @Test
    void withoutAValueOrAParameterNameTheErrorNamesTheSettingNotASecret() {
        StripeSecrets secrets = new StripeSecrets(Config.of(Map.of("AWS_REGION", "eu-west-1")));
        IllegalStateException e = assertThrows(IllegalStateException.class, secrets::apiKey);
        assertTrue(e.getMessage().contains("STRIPE_API_KEY_PARAMETER"), e.getMessage());
        assertFalse(e.getMessage().contains("sk_"));
    }
}
