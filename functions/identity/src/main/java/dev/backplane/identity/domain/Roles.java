// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import dev.backplane.core.error.ValidationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The application roles. Identity-provider groups outside this set are ignored, so a stray IdP group grants nothing. */
public final class Roles {
    public static final String USER = "user";
    public static final String ADMIN = "admin";
    /** Machine clients (client_credentials tokens); never assignable to a person through the admin API. */
    public static final String SERVICE = "service";
    public static final Set<String> FROM_TOKENS = Set.of(USER, ADMIN, SERVICE);
    public static final Set<String> ASSIGNABLE = Set.of(USER, ADMIN);

    private Roles() {}

    /** Keeps the known roles of what a token claims, in order; no known role at all means a plain user. */
    public static List<String> fromClaims(List<String> claimed) {
        Set<String> known = new LinkedHashSet<>();
        for (String role : claimed) if (FROM_TOKENS.contains(role)) known.add(role);
        return known.isEmpty() ? List.of(USER) : List.copyOf(known);
    }

    /**
     * The roles of a person's token: the known person roles it claims ({@code service} is dropped — a user token is
     * never a machine's, whatever groups the issuer put in it); none at all means a plain user.
     */
    public static List<String> ofPerson(List<String> claimed) {
        Set<String> known = new LinkedHashSet<>();
        for (String role : claimed) if (ASSIGNABLE.contains(role)) known.add(role);
        return known.isEmpty() ? List.of(USER) : List.copyOf(known);
    }

    /** What an admin may set: a non-empty subset of user/admin, duplicates dropped. */
    public static List<String> assignable(List<String> requested) {
        ValidationException.Collector errors = new ValidationException.Collector();
        errors.check(requested != null && !requested.isEmpty() && requested.size() <= ASSIGNABLE.size() * 2,
            "roles", "a non-empty list of at most " + ASSIGNABLE.size() * 2 + " roles is required");
        errors.throwIfAny();
        for (int i = 0; i < requested.size(); i++) {
            errors.check(requested.get(i) != null && ASSIGNABLE.contains(requested.get(i)), "roles[" + i + "]", "must be one of " + ASSIGNABLE);
        }
        errors.throwIfAny();
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    public static boolean onlyService(List<String> roles) { return !roles.isEmpty() && roles.stream().allMatch(SERVICE::equals); }
}
