package dev.backplane.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.json.Json;
import dev.backplane.notifications.domain.UrlGuard;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

    @Test
    void theApiResolvesNamesAndRefusesPrivateAnswersForWebhooksAndSlackAlike() throws Exception {
        Map<String, InetAddress> dns = new ConcurrentHashMap<>(Map.of(
            "internal.example.com", InetAddress.getByAddress(new byte[] {10, 0, 0, 7}),
            "metadata.example.com", InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}),
            "loop.example.com", InetAddress.getLoopbackAddress(),
            "hooks.example.com", InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 215, 14})));
        try (NotificationStack resolving = new NotificationStack(false, host -> {
            InetAddress a = dns.get(host);
            if (a == null) throw new java.net.UnknownHostException(host);
            return new InetAddress[] {a};
        })) {
            for (String kind : new String[] {"webhook", "slack"}) {
                for (String url : new String[] {"https://internal.example.com/h", "https://metadata.example.com/latest", "https://loop.example.com/h",
                    "https://127.0.0.1/h", "https://169.254.169.254/latest/meta-data/", "https://nowhere.example.com/h"}) {
                    APIGatewayV2HTTPResponse r = resolving.call("createWebhook", "CreateWebhookFunction/create-webhook_metadata-address.json", null, null,
                        Map.of("url", url, "kind", kind));
                    assertEquals(422, r.getStatusCode(), kind + " " + url + " → " + r.getBody());
                    JsonNode problem = Json.tree(r.getBody());
                    assertEquals("url", problem.at("/errors/0/field").asString(), kind + " " + url);
                    assertEquals("application/problem+json", r.getHeaders().get("content-type"));
                }
            }
            assertEquals("resolves to a private, loopback, link-local or metadata address", Json.tree(resolving.call("createWebhook",
                "CreateWebhookFunction/create-webhook_metadata-address.json", null, null, Map.of("url", "https://internal.example.com/h"))
                .getBody()).at("/errors/0/message").asString());

            // a public answer is accepted; when the name later points inside, the delivery is refused before any request
            APIGatewayV2HTTPResponse created = resolving.call("createWebhook", "CreateWebhookFunction/create-webhook_metadata-address.json", null, null,
                Map.of("url", "https://hooks.example.com:" + resolving.endpoint.getAddress().getPort() + "/h"));
            assertEquals(201, created.getStatusCode(), created.getBody());
            dns.put("hooks.example.com", InetAddress.getLoopbackAddress());
            resolving.notify(NotificationStack.delivery("NotifyOnEventsFunction/sqs_order-paid.json", "evt-paid-rebind", Map.of()));
            resolving.drain();
            assertTrue(resolving.received.isEmpty(), "nothing sent to the rebound address: " + resolving.received);
            JsonNode failed = resolving.outbox("notification.failed").getFirst().get("data");
            assertEquals("webhook", failed.get("channel").asString());
            assertTrue(failed.get("error").asString().contains("private, loopback"), failed.toString());
        }
    }
}
