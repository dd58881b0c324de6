// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A real OIDC provider in-process (mock-oauth2-server): discovery, JWKS (RS256), an interactive login page for the
 * Authorization Code + PKCE flow with the seeded users, and the token endpoint. Issuer:
 * {@code http://localhost:{port}/backplane}.
 *
 * <p>Grants: authorization_code (SPA, via the login page), password with a seeded username (tests that need a
 * user's token without a browser), client_credentials for registered clients only ({@link RegisteredClient}: machine
 * tokens whose subject and {@code client_id} are the client id, with the client's scopes; see {@link TokenGate}).
 */
public final class LocalOidcProvider implements AutoCloseable {
    public static final String ISSUER_ID = "backplane";
    public static final String AUDIENCE = "backplane-spa";

    private final MockOAuth2Server server;
    private final String issuer;
    private final Path loginPage;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalOidcProvider(MockOAuth2Server server, String issuer, Path loginPage) {
        this.server = server;
        this.issuer = issuer;
        this.loginPage = loginPage;
    }

    /** Starts on localhost:port (0 picks a free port) with the clients of {@code DEVSTACK_OIDC_CLIENTS}. */
    public static LocalOidcProvider start(int port) { return start(port, RegisteredClient.fromEnvironment()); }

    /** Starts on localhost:port (0 picks a free port). Takes about a second (Netty + key generation). */
    public static LocalOidcProvider start(int port, List<RegisteredClient> clients) {
        Path page = null;
        try {
            page = Files.createTempFile("devstack-login", ".html");
            Files.writeString(page, LoginPage.html(SeededUser.ALL, AUDIENCE));
            MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(config(page, clients)),
                new TokenGate(clients, SeededUser.ALL));
            server.start(InetAddress.getByName("localhost"), port);
            String issuer = server.issuerUrl(ISSUER_ID).toString().replaceAll("/$", "");
            return new LocalOidcProvider(server, issuer, page);
        } catch (Exception e) {
            deleteQuietly(page);
            throw new IllegalStateException("local OIDC provider could not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static String config(Path loginPage, List<RegisteredClient> clients) throws IOException {
        List<Map<String, Object>> mappings = new ArrayList<>();
        for (SeededUser u : SeededUser.ALL) mappings.add(mapping("username", u.username(), u.claims(AUDIENCE)));
        // Code-flow tokens get their user claims from the login form; the mapping supplies the audience.
        mappings.add(mapping("grant_type", "authorization_code", Map.of("aud", List.of(AUDIENCE))));
        mappings.add(mapping("grant_type", "refresh_token", Map.of("aud", List.of(AUDIENCE))));
        // only registered clients get this far (TokenGate); their tokens name the client, never a user
        for (RegisteredClient c : clients) {
            mappings.add(mapping("client_id", c.id(), Map.of("sub", c.id(), "client_id", c.id(), "aud", List.of(AUDIENCE),
                "scope", String.join(" ", c.scopes()))));
        }
        mappings.add(mapping("grant_type", "client_credentials", Map.of("sub", "${clientId}", "client_id", "${clientId}", "aud", List.of(AUDIENCE))));
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("issuerId", ISSUER_ID);
        callback.put("tokenExpiry", 3600);
        callback.put("requestMappings", mappings);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("interactiveLogin", true);
        config.put("loginPagePath", loginPage.toString());
        config.put("httpServer", "NettyWrapper");
        config.put("tokenCallbacks", List.of(callback));
        return new ObjectMapper().writeValueAsString(config);
    }

    private static Map<String, Object> mapping(String param, String match, Map<String, Object> claims) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestParam", param);
        m.put("match", match);
        m.put("claims", claims);
        return m;
    }

    /** http://localhost:{port}/backplane — what JwtConfiguration.issuer / OidcIssuerUrl should be set to. */
    public String issuer() { return issuer; }

    public String tokenEndpoint() { return issuer + "/token"; }

    public String authorizationEndpoint() { return issuer + "/authorize"; }

    /** An access token for a seeded user, fetched from the token endpoint with the password grant. */
    public String accessToken(String username) {
        if (SeededUser.ALL.stream().noneMatch(u -> u.username().equals(username))) {
            throw new IllegalArgumentException("no seeded user '" + username + "'; seeded: alice, bob, carol, admin");
        }
        return token("grant_type=password&username=" + enc(username) + "&password=devstack&client_id=" + AUDIENCE + "&scope=openid");
    }

    /** An access token for a registered machine client (client_credentials); the provider refuses anyone else. */
    public String clientCredentialsToken(String clientId, String secret) {
        return token("grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret) + "&scope=" + AUDIENCE);
    }

    /** The raw token endpoint answer (status and body) for a form: lets tests see refusals. */
    public HttpResponse<String> tokenResponse(String form) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String token(String form) {
        HttpResponse<String> response = tokenResponse(form);
        try {
            JsonNode body = new ObjectMapper().readTree(response.body());
            if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
                throw new IllegalStateException("token endpoint answered HTTP " + response.statusCode());
            }
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint answered no JSON: " + e.getMessage(), e);
        }
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @Override
    public void close() {
        try {
            server.shutdown();
        } finally {
            deleteQuietly(loginPage);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp file; the OS cleans it up eventually
        }
    }
}
