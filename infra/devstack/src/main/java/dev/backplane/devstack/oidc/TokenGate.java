// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.oidc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * Runs before mock-oauth2-server's own token endpoint (which mints a token for any client and any user) and refuses
 * what a real provider would: client_credentials from a client that is not registered or whose secret is wrong
 * (401 invalid_client), and the password grant for anyone but a seeded user (400 invalid_grant). Everything else
 * falls through to the provider.
 */
final class TokenGate implements Route {
    private final List<RegisteredClient> clients;
    private final List<SeededUser> users;

    TokenGate(List<RegisteredClient> clients, List<SeededUser> users) {
        this.clients = List.copyOf(clients);
        this.users = List.copyOf(users);
    }

    @Override
    public boolean match(OAuth2HttpRequest request) {
        if (!"POST".equalsIgnoreCase(request.getMethod()) || !request.getUrl().encodedPath().endsWith("/token")) return false;
        Map<String, String> form = form(request.getBody());
        return switch (form.getOrDefault("grant_type", "")) {
            case "client_credentials" -> !clientAuthenticated(request, form);
            case "password" -> users.stream().noneMatch(u -> u.username().equals(form.get("username")));
            default -> false;
        };
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        boolean clientGrant = "client_credentials".equals(form(request.getBody()).get("grant_type"));
        String body = clientGrant
            ? "{\"error\":\"invalid_client\",\"error_description\":\"unknown client or wrong secret\"}"
            : "{\"error\":\"invalid_grant\",\"error_description\":\"unknown user\"}";
        return new OAuth2HttpResponse(Headers.of("content-type", "application/json"), clientGrant ? 401 : 400, body, null);
    }

    private boolean clientAuthenticated(OAuth2HttpRequest request, Map<String, String> form) {
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String authorization = request.getHeaders().get("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
                    secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (id == null || secret == null) return false;
        for (RegisteredClient c : clients) {
            if (c.id().equals(id) && MessageDigest.isEqual(c.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null) return form;
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            try {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed pair: left out, so the request is judged without it
            }
        }
        return form;
    }
}
