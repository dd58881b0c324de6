// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import dev.backplane.identity.domain.Identity;
import java.util.Set;

/** What a verified access token proves: a person (user token) or a client acting for itself (machine token). */
sealed interface VerifiedToken {
    record User(Identity identity) implements VerifiedToken {}

    record Machine(String clientId, Set<String> scopes) implements VerifiedToken {
        public Machine {
            scopes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes));
        }
    }
}
