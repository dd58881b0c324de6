// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A user the local OIDC provider knows, with the fixed claims its tokens carry. */
public record SeededUser(String username, String email, String name, List<String> groups) {

    /**
     * alice, bob and carol are ordinary users (carol starts without history: tests of per-user behaviour such as fraud
     * scoring use her), admin is an administrator (groups play the role of cognito:groups).
     */
    public static final List<SeededUser> ALL = List.of(
        new SeededUser("alice", "alice@example.com", "Alice Example", List.of("user")),
        new SeededUser("bob", "bob@example.com", "Bob Example", List.of("user")),
        new SeededUser("carol", "carol@example.com", "Carol Example", List.of("user")),
        new SeededUser("admin", "admin@example.com", "Admin Example", List.of("admin")));

    /** Claims added to every token of this user (sub comes from the username). */
    Map<String, Object> claims(String audience) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", username);
        claims.put("aud", List.of(audience));
        claims.put("email", email);
        claims.put("email_verified", true);
        claims.put("name", name);
        claims.put("preferred_username", username);
        claims.put("groups", groups);
        return claims;
    }
}
