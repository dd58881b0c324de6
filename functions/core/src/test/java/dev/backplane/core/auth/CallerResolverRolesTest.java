// SPDX-License-Identifier: Apache-2.0
package dev.backplane.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Roles arrive as text in authorizer contexts (WebSocket routes, Lambda authorizer), in several renderings. */
class CallerResolverRolesTest {
    @Test
    void parsesEveryRenderingOfARoleList() {
        assertEquals(List.of("admin", "user"), CallerResolver.parseRoles("admin,user"));
        assertEquals(List.of("admin", "user"), CallerResolver.parseRoles("[admin user]"));
        assertEquals(List.of("admin", "user"), CallerResolver.parseRoles("[\"admin\",\"user\"]"));
        assertEquals(List.of("user"), CallerResolver.parseRoles(List.of("user")));
        assertEquals(List.of(), CallerResolver.parseRoles(null));
    }
}
