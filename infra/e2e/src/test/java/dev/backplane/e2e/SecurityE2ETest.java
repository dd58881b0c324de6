package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The black-box attacks, replayed through the real gateway, authorizer and functions on devstack: machine tokens
 * acting as users, a provider minting tokens for any client, crafted cursors, lenient numbers, CORS for any origin.
 */
class SecurityE2ETest {
    private final LocalSystem system = LocalSystem.get();

    @Test
    void machineTokensAreRefusedOnEveryUserRoute() {
        String machine = system.oidc.clientCredentialsToken(LocalSystem.MACHINE_CLIENT.id(), LocalSystem.MACHINE_CLIENT.secret());
        for (String[] route : List.of(new String[] {"GET", "/me"}, new String[] {"GET", "/orders"}, new String[] {"GET", "/me/settings"},
            new String[] {"GET", "/billing/balance"}, new String[] {"GET", "/admin/users"})) {
            assertEquals(403, system.sendPatiently(route[0], route[1], machine, null, Map.of()).statusCode(), route[0] + " " + route[1]);
        }
        assertEquals(403, system.sendPatiently("POST", "/orders", machine, "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":1}]}", Map.of()).statusCode());
        // the provider no longer mints client credentials for a user's id, or for a registered client with a wrong secret
        assertEquals(401, system.oidc.tokenResponse("grant_type=client_credentials&client_id=alice&client_secret=devstack&scope=backplane-spa").statusCode());
        assertEquals(401, system.oidc.tokenResponse("grant_type=client_credentials&client_id=e2e-machine&client_secret=devstack&scope=backplane-spa").statusCode());
    }

    @Test
    void craftedCursorsAre400AnonymouslyAndAsAUser() {
        String alice = system.oidc.accessToken("alice");
        String crafted = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"gsi1pk\":\"PRODUCTS\"}".getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/products?cursor=" + crafted, "/products?cursor=x.y", "/orders?cursor=" + crafted)) {
            HttpResponse<String> r = system.sendPatiently("GET", path, path.startsWith("/orders") ? alice : null, null, Map.of());
            assertEquals(400, r.statusCode(), path + " " + r.body());
            assertEquals("https://backplane.dev/problems/invalid-cursor", Json.tree(r.body()).get("type").asString());
        }
        String next = Json.tree(system.sendPatiently("GET", "/products?limit=1", null, null, Map.of()).body()).get("nextCursor").asString();
        assertEquals(200, system.sendPatiently("GET", "/products?limit=1&cursor=" + next, null, null, Map.of()).statusCode());
    }

    @Test
    void numbersAreNumbersAndNothingIsWritten() {
        String alice = system.oidc.accessToken("alice");
        for (String quantity : List.of("1.5", "\"1\"")) {
            HttpResponse<String> r = system.sendPatiently("POST", "/orders", alice, "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":" + quantity + "}]}", Map.of());
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("lines[0].quantity", Json.tree(r.body()).get("errors").get(0).get("field").asString());
        }
    }

    /**
     * Raw invalid UTF-8 bytes in a bio, sent as JSON (the gateway passes text, invalid bytes replaced) and without a
     * content type (the gateway base64-encodes the body, isBase64Encoded=true): both a 400 naming the field, nothing stored.
     */
    @Test
    void invalidUtf8InABioIsRefusedNamingTheField() throws Exception {
        String alice = system.oidc.accessToken("alice");
        String bioBefore = Json.tree(system.sendPatiently("GET", "/me", alice, null, Map.of()).body()).path("bio").asString("");
        byte[] before = "{\"bio\":\"broken ".getBytes(StandardCharsets.UTF_8);
        byte[] after = " text\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[before.length + 3 + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        System.arraycopy(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, 0, body, before.length, 3);
        System.arraycopy(after, 0, body, before.length + 3, after.length);
        for (String contentType : new String[] {"application/json", null}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.httpApiUrl() + "/me"))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)).header("authorization", "Bearer " + alice);
            if (contentType != null) request.header("content-type", contentType);
            HttpResponse<String> r = system.patiently(request.build());
            assertEquals(400, r.statusCode(), contentType + ": " + r.body());
            assertEquals("https://backplane.dev/problems/invalid-encoding", Json.tree(r.body()).get("type").asString(), r.body());
            assertEquals("bio", Json.tree(r.body()).get("errors").get(0).get("field").asString(), r.body());
        }
        assertEquals(bioBefore, Json.tree(system.sendPatiently("GET", "/me", alice, null, Map.of()).body()).path("bio").asString(""));
    }

    @Test
    void corsAllowsOnlyTheConfiguredSpaOrigin() throws Exception {
        HttpResponse<String> evil = preflight("https://evil.example");
        assertFalse(evil.headers().firstValue("access-control-allow-origin").isPresent(), evil.headers().map().toString());
        HttpResponse<String> spa = preflight("http://localhost:5173");
        assertEquals("http://localhost:5173", spa.headers().firstValue("access-control-allow-origin").orElse(null), spa.headers().map().toString());
        assertTrue(spa.headers().allValues("access-control-allow-origin").stream().noneMatch("*"::equals));
    }

    private HttpResponse<String> preflight(String origin) throws IOException, InterruptedException {
        return system.http.send(HttpRequest.newBuilder(URI.create(system.devstack.urls().get("HTTP API") + "/orders"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("origin", origin)
            .header("access-control-request-method", "POST").build(), HttpResponse.BodyHandlers.ofString());
    }
}
