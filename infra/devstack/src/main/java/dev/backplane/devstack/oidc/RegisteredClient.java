// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.oidc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A machine client the local provider issues client_credentials tokens to, with its secret and the scopes its tokens
 * carry. Configured, never guessed: {@code DEVSTACK_OIDC_CLIENTS="id:secret[:scope scope...]"}, comma-separated.
 * Unset, no client is registered and every client_credentials request is refused.
 */
public record RegisteredClient(String id, String secret, List<String> scopes) {
    public static final String ENVIRONMENT_VARIABLE = "DEVSTACK_OIDC_CLIENTS";

    public RegisteredClient {
        if (id == null || id.isBlank() || secret == null || secret.length() < 8) {
            throw new IllegalArgumentException("a registered OIDC client needs an id and a secret of at least 8 characters");
        }
        scopes = List.copyOf(scopes);
    }

    public static List<RegisteredClient> fromEnvironment() { return parse(System.getenv(ENVIRONMENT_VARIABLE)); }

    static List<RegisteredClient> parse(String setting) {
        List<RegisteredClient> clients = new ArrayList<>();
        if (setting == null || setting.isBlank()) return clients;
        for (String entry : setting.split(",")) {
            String[] parts = entry.strip().split(":", 3);
            if (parts.length < 2) throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " entry is not 'id:secret[:scopes]'");
            List<String> scopes = parts.length == 3 ? Arrays.stream(parts[2].split("\\s+")).filter(s -> !s.isBlank()).toList() : List.of();
            clients.add(new RegisteredClient(parts[0], parts[1], scopes));
        }
        return clients;
    }
}
