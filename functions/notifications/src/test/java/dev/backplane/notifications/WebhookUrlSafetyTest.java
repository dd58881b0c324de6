package dev.backplane.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.json.Json;
import dev.backplane.notifications.domain.UrlGuard;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SSRF: webhook URLs that reach inside are refused with a 422 naming the field, after DNS resolution. */
class WebhookUrlSafetyTest {
    private final NotificationStack stack = new NotificationStack(false);

    @AfterEach
    void close() { stack.close(); }

    @Test
    void loopbackMetadataAndPlainHttpUrlsAreRefusedByTheApi() {
        for (String url : new String[] {"http://127.0.0.1/hook", "https://127.0.0.1/hook", "https://169.254.169.254/latest/meta-data/",
            "https://localhost/hook", "https://[::1]/hook", "https://10.1.2.3/hook", "http://example.com/hook", "https://user:pw@example.com/",
            "ftp://example.com/"}) {
            APIGatewayV2HTTPResponse r = stack.call("createWebhook", "CreateWebhookFunction/create-webhook_metadata-address.json", null, null, Map.of("url", url));
            assertEquals(422, r.getStatusCode(), url + " → " + r.getBody());
            assertEquals("url", Json.tree(r.getBody()).at("/errors/0/field").asString(), url);
        }
        // the sample itself (metadata address) as the API receives it
        assertEquals(422, stack.functions.<com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>invoke(
            "createWebhook", com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class,
            dev.backplane.core.testing.FunctionHarness.event("CreateWebhookFunction/create-webhook_metadata-address.json")).getStatusCode());
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefusedAfterResolution() throws Exception {
        InetAddress privateAddress = InetAddress.getByAddress("internal.example.com", new byte[] {10, 0, 0, 7});
        InetAddress cgnat = InetAddress.getByAddress("cgnat.example.com", new byte[] {100, 64, 1, 1});
        InetAddress publicAddress = InetAddress.getByAddress("hooks.example.com", new byte[] {93, (byte) 184, (byte) 215, 14});
        UrlGuard guard = new UrlGuard(host -> switch (host) {
            case "internal.example.com" -> new InetAddress[] {publicAddress, privateAddress}; // one bad answer is enough
            case "cgnat.example.com" -> new InetAddress[] {cgnat};
            default -> new InetAddress[] {publicAddress};
        }, true);
        assertEquals("url", assertThrows(ValidationException.class, () -> guard.check("https://internal.example.com/h", "url")).errors().getFirst().field());
        assertThrows(ValidationException.class, () -> guard.check("https://cgnat.example.com/h", "url"));
        assertEquals("hooks.example.com", guard.check("https://hooks.example.com/h", "url").getHost());
        // the development switch allows plain http only to loopback, never to a public host
        assertThrows(ValidationException.class, () -> guard.check("http://hooks.example.com/h", "url"));
    }
}
