// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import java.util.List;

/** The authorizer's verdict: who is allowed (with the roles the request carries) or why not. */
public sealed interface Decision {
    record Allow(String userId, String email, List<String> roles) implements Decision {}

    record Deny(String reason) implements Decision {}
}
