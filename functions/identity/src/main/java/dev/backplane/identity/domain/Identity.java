// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import java.util.List;

/**
 * Who a verified access token says the caller is: subject, optional e-mail and name hint (Cognito access tokens
 * carry neither), and the application roles mapped from the token's role claim.
 */
public record Identity(String userId, String email, String usernameHint, List<String> roles) {
    public Identity {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
