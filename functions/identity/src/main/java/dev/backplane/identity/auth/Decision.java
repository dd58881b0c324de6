// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import java.util.List;
import java.util.Set;

/** The authorizer's verdict: which user (with the roles their record gives), which machine client, or why not. */
public sealed interface Decision {
    record Allow(String userId, String email, List<String> roles) implements Decision {}

    /** A machine client on a service route: carries no user id, so no handler can mistake it for a user. */
    record AllowClient(String clientId, Set<String> scopes) implements Decision {}

    record Deny(String reason) implements Decision {}
}
